package fi.kivaq.dsr.unsubscribe;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Ends the newsletter consent of the request's address, if it is in the register, as the request is filed. */
@Component
class WithdrawNewsletterConsentDelegate implements JavaDelegate {

    private final NewsletterUnsubscribe unsubscribe;

    WithdrawNewsletterConsentDelegate(NewsletterUnsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @Override
    public void execute(DelegateExecution execution) {
        unsubscribe.withdrawForRequest(ProcessVariables.requestId(execution));
    }
}
