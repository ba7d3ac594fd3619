package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Marks the contact restricted and notes the recipients to tell (Art. 18(2), 19). */
@Component
class RestrictProcessingDelegate implements JavaDelegate {

    private final Restrictions restrictions;

    RestrictProcessingDelegate(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.restrict(ProcessVariables.requestId(execution));
    }
}
