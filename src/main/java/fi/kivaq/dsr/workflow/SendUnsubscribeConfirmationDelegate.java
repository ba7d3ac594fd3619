package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.unsubscribe.NewsletterUnsubscribe;

/** Writes the unsubscribe confirmation to the outbox and completes the request. */
@Component
class SendUnsubscribeConfirmationDelegate implements JavaDelegate {

    private final NewsletterUnsubscribe unsubscribe;

    SendUnsubscribeConfirmationDelegate(NewsletterUnsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @Override
    public void execute(DelegateExecution execution) {
        unsubscribe.confirm(Delegates.requestId(execution));
    }
}
