package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the confirmation staff obtained by hand. */
@Component
class RecordAcknowledgementByHandDelegate implements JavaDelegate {

    private final NotificationEscalation escalation;

    RecordAcknowledgementByHandDelegate(NotificationEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        escalation.recordByHand(SubcontractorNotificationProcess.notificationId(execution));
    }
}
