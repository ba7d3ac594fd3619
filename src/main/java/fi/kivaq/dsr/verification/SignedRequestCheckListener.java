package fi.kivaq.dsr.verification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing staff's check of a signed letter: the outcome must be a yes or a no. Completed without it (e.g.
 * through {@code /engine-rest} with no variables) the gateway after the task could not decide, and the engine
 * answered 500; now the task stays open with a message saying what is missing.
 */
@Component
class SignedRequestCheckListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (!(task.getVariable(ProcessVariables.IDENTITY_CONFIRMED) instanceof Boolean)) {
            throw new TaskCompletionRefused("staff.refusal.identityConfirmed", ProcessVariables.IDENTITY_CONFIRMED);
        }
    }
}
