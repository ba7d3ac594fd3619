package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Changes the register as staff decided, in one transaction; the outcome steers the process. */
@Component
class ApplyRectificationDelegate implements JavaDelegate {

    private final RegisterCorrection registerCorrection;

    ApplyRectificationDelegate(RegisterCorrection registerCorrection) {
        this.registerCorrection = registerCorrection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RegisterOutcome outcome = registerCorrection.apply(ProcessVariables.requestId(execution));
        execution.setVariable(RectificationProcess.REGISTER_OUTCOME, outcome.name());
    }
}
