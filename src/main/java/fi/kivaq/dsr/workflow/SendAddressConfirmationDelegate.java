package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.rectification.Rectifications;

/** Mails the single-use confirmation link to the new address staff approved. */
@Component
class SendAddressConfirmationDelegate implements JavaDelegate {

    private final Rectifications rectifications;

    SendAddressConfirmationDelegate(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rectifications.sendAddressConfirmation(Delegates.requestId(execution));
    }
}
