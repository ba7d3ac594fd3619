package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** The contact was erased before its correction could be made: the request closes, nothing is written back. */
@Component
class CloseRectificationOfErasedContactDelegate implements JavaDelegate {

    private final RegisterCorrection registerCorrection;

    CloseRectificationOfErasedContactDelegate(RegisterCorrection registerCorrection) {
        this.registerCorrection = registerCorrection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        registerCorrection.closeForErasedContact(ProcessVariables.requestId(execution));
    }
}
