package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/** Records the confirmation staff obtained by hand. */
@Component
class RecordAcknowledgementByHandDelegate implements JavaDelegate {

    private final SubcontractorNotifications notifications;

    RecordAcknowledgementByHandDelegate(SubcontractorNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifications.recordByHand(Delegates.notificationId(execution));
    }
}
