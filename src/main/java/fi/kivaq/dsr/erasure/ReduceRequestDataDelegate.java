package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Reduces the erased person's requests, mails and letters to what accountability needs (retried until mails are sent). */
@Component
class ReduceRequestDataDelegate implements JavaDelegate {

    private final ErasureCleanUp cleanUp;

    ReduceRequestDataDelegate(ErasureCleanUp cleanUp) {
        this.cleanUp = cleanUp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cleanUp.reduceRequestData(ProcessVariables.requestId(execution));
    }
}
