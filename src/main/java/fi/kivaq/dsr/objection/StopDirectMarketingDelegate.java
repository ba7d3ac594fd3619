package fi.kivaq.dsr.objection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Ends direct marketing at once when the objection is to it, and notes which kind of objection this is. */
@Component
class StopDirectMarketingDelegate implements JavaDelegate {

    private final Objections objections;

    StopDirectMarketingDelegate(Objections objections) {
        this.objections = objections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ObjectionProcess.DIRECT_MARKETING,
                objections.stopDirectMarketingIfObjectedTo(ProcessVariables.requestId(execution)));
    }
}
