package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the single-use confirmation link to the new address staff approved. */
@Component
class SendAddressConfirmationDelegate implements JavaDelegate {

    private final NewAddressConfirmation addressConfirmation;

    SendAddressConfirmationDelegate(NewAddressConfirmation addressConfirmation) {
        this.addressConfirmation = addressConfirmation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        addressConfirmation.send(ProcessVariables.requestId(execution));
    }
}
