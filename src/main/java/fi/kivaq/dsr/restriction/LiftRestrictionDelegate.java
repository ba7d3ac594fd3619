package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Lifts the restriction, once the lift letter has been issued. */
@Component
class LiftRestrictionDelegate implements JavaDelegate {

    private final Restrictions restrictions;

    LiftRestrictionDelegate(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.lift(ProcessVariables.requestId(execution));
    }
}
