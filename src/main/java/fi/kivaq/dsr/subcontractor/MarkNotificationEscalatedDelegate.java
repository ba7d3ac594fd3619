package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records that staff now chase the subcontractor by hand. */
@Component
class MarkNotificationEscalatedDelegate implements JavaDelegate {

    private final SubcontractorNotifications notifications;

    MarkNotificationEscalatedDelegate(SubcontractorNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifications.markEscalated(SubcontractorNotifications.notificationId(execution));
    }
}
