package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the single-use confirmation link to the new address staff approved. */
@Component
class SendAddressConfirmationDelegate implements JavaDelegate {

    private final Rectifications rectifications;

    SendAddressConfirmationDelegate(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rectifications.sendAddressConfirmation(ProcessVariables.requestId(execution));
    }
}
