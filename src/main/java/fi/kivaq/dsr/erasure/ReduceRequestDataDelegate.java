package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Reduces the erased person's requests, mails and letters to what accountability needs (retried until mails are sent). */
@Component
class ReduceRequestDataDelegate implements JavaDelegate {

    private final Erasure erasure;

    ReduceRequestDataDelegate(Erasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.reduceRequestData(ProcessVariables.requestId(execution));
    }
}
