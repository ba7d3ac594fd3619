package fi.kivaq.dsr.verification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** The verification link expired unused: closes the request with a short notice and records the outcome flag. */
@Component
class CloseUnverifiedRequestDelegate implements JavaDelegate {

    private final AddressVerification verification;

    CloseUnverifiedRequestDelegate(AddressVerification verification) {
        this.verification = verification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        verification.closeUnverified(ProcessVariables.requestId(execution));
        execution.setVariable(ProcessVariables.ADDRESS_VERIFIED, false);
    }
}
