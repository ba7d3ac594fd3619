package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the signed refusal letter with the manager's reason and the requester's remedies. */
@Component
class SendAccessRefusalDelegate implements JavaDelegate {

    private final AccessRequests access;

    SendAccessRefusalDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        access.sendRefusal(ProcessVariables.requestId(execution));
    }
}
