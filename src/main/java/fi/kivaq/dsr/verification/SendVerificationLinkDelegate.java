package fi.kivaq.dsr.verification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the requester a single-use link to prove control of the address. */
@Component
class SendVerificationLinkDelegate implements JavaDelegate {

    private final AddressVerification verification;

    SendVerificationLinkDelegate(AddressVerification verification) {
        this.verification = verification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        verification.sendLink(ProcessVariables.requestId(execution));
    }
}
