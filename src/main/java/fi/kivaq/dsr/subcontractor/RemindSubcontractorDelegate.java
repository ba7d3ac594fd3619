package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminds a subcontractor that has not confirmed yet, with a fresh link. */
@Component
class RemindSubcontractorDelegate implements JavaDelegate {

    private final SubcontractorInstructions instructions;

    RemindSubcontractorDelegate(SubcontractorInstructions instructions) {
        this.instructions = instructions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        instructions.remind(SubcontractorNotificationProcess.notificationId(execution));
    }
}
