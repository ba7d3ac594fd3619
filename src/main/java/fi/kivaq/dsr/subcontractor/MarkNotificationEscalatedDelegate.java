package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records that staff now chase the subcontractor by hand. */
@Component
class MarkNotificationEscalatedDelegate implements JavaDelegate {

    private final NotificationEscalation escalation;

    MarkNotificationEscalatedDelegate(NotificationEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        escalation.markEscalated(SubcontractorNotificationProcess.notificationId(execution));
    }
}
