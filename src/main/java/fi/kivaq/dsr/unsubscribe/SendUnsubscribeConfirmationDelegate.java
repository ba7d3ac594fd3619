package fi.kivaq.dsr.unsubscribe;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Writes the unsubscribe confirmation to the outbox and completes the request. */
@Component
class SendUnsubscribeConfirmationDelegate implements JavaDelegate {

    private final NewsletterUnsubscribe unsubscribe;

    SendUnsubscribeConfirmationDelegate(NewsletterUnsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @Override
    public void execute(DelegateExecution execution) {
        unsubscribe.confirm(ProcessVariables.requestId(execution));
    }
}
