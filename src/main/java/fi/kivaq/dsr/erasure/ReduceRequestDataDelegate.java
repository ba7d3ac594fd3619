package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * Reduces the erased person's requests, mails and letters to what accountability needs; while mails are still in
 * the outbox it reduces nothing and sends the process to wait for the last one ({@code MailsUnsent}).
 */
@Component
class ReduceRequestDataDelegate implements JavaDelegate {

    private final ErasureCleanUp cleanUp;

    ReduceRequestDataDelegate(ErasureCleanUp cleanUp) {
        this.cleanUp = cleanUp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (cleanUp.reduceRequestData(ProcessVariables.requestId(execution)) == ErasureCleanUp.Outcome.MAILS_UNSENT) {
            throw new BpmnError(ErasureProcess.ERROR_MAILS_UNSENT, "mails of the request are still in the outbox");
        }
    }
}
