package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** The new address was not confirmed in time: the address change lapses, the rest of the decision stands. */
@Component
class LapseAddressChangeDelegate implements JavaDelegate {

    private final NewAddressConfirmation addressConfirmation;

    LapseAddressChangeDelegate(NewAddressConfirmation addressConfirmation) {
        this.addressConfirmation = addressConfirmation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        addressConfirmation.lapse(ProcessVariables.requestId(execution));
    }
}
