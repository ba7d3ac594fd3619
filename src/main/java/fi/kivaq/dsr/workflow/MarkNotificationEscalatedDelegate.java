package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/** Records that staff now chase the subcontractor by hand. */
@Component
class MarkNotificationEscalatedDelegate implements JavaDelegate {

    private final SubcontractorNotifications notifications;

    MarkNotificationEscalatedDelegate(SubcontractorNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifications.markEscalated(Delegates.notificationId(execution));
    }
}
