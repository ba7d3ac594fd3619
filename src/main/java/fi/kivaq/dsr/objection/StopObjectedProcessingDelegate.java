package fi.kivaq.dsr.objection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** After the weighing: an upheld objection stops the uses it names, recorded on the person's contact. */
@Component
class StopObjectedProcessingDelegate implements JavaDelegate {

    private final Objections objections;

    StopObjectedProcessingDelegate(Objections objections) {
        this.objections = objections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        objections.stopUpheldUses(ProcessVariables.requestId(execution));
    }
}
