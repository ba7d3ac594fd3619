package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Sends the signed answer: restricted, or refused with the reasons. */
@Component
class SendRestrictionLetterDelegate implements JavaDelegate {

    private final Restrictions restrictions;

    SendRestrictionLetterDelegate(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.sendDecisionLetter(ProcessVariables.requestId(execution));
    }
}
