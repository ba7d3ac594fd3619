package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the confirmation staff obtained by hand. */
@Component
class RecordAcknowledgementByHandDelegate implements JavaDelegate {

    private final SubcontractorNotifications notifications;

    RecordAcknowledgementByHandDelegate(SubcontractorNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifications.recordByHand(SubcontractorNotifications.notificationId(execution));
    }
}
