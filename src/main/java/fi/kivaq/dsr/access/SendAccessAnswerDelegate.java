package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the signed access letter with the reviewed extract to the verified address. */
@Component
class SendAccessAnswerDelegate implements JavaDelegate {

    private final AccessRequests access;

    SendAccessAnswerDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        access.sendAnswer(ProcessVariables.requestId(execution));
    }
}
