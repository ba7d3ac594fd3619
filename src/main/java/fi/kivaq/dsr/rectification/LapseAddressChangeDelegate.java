package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** The new address was not confirmed in time: the address change lapses, the rest of the decision stands. */
@Component
class LapseAddressChangeDelegate implements JavaDelegate {

    private final Rectifications rectifications;

    LapseAddressChangeDelegate(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rectifications.lapseAddressChange(ProcessVariables.requestId(execution));
    }
}
