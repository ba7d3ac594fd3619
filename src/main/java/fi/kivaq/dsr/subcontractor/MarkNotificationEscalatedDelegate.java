package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records that staff now chase the subcontractor by hand; writes back whether the notice was superseded meanwhile
 * (then nobody chases it and the process ends).
 */
@Component
class MarkNotificationEscalatedDelegate implements JavaDelegate {

    private final NotificationEscalation escalation;

    MarkNotificationEscalatedDelegate(NotificationEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean escalated = escalation.markEscalated(SubcontractorNotificationProcess.notificationId(execution));
        execution.setVariable(SubcontractorNotificationProcess.NOTICE_SUPERSEDED, !escalated);
    }
}
