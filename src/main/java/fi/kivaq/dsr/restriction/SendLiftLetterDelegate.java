package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Tells the person, with the reason, before the restriction is lifted (Art. 18(3)). */
@Component
class SendLiftLetterDelegate implements JavaDelegate {

    private final Restrictions restrictions;

    SendLiftLetterDelegate(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        restrictions.sendLiftLetter(ProcessVariables.requestId(execution));
    }
}
