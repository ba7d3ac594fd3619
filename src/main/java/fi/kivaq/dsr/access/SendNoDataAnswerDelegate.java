package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the signed "no data held" letter to the verified address. */
@Component
class SendNoDataAnswerDelegate implements JavaDelegate {

    private final AccessRequests access;

    SendNoDataAnswerDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        access.sendNoDataAnswer(ProcessVariables.requestId(execution));
    }
}
