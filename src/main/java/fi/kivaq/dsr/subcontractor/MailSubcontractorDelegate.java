package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Mails the subcontractor what to correct or delete, with a confirmation link; writes back whether the notice was
 * superseded before it went (then nothing was sent and the process ends).
 */
@Component
class MailSubcontractorDelegate implements JavaDelegate {

    private final SubcontractorInstructions instructions;

    MailSubcontractorDelegate(SubcontractorInstructions instructions) {
        this.instructions = instructions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean sent = instructions.send(SubcontractorNotificationProcess.notificationId(execution));
        execution.setVariable(SubcontractorNotificationProcess.NOTICE_SUPERSEDED, !sent);
    }
}
