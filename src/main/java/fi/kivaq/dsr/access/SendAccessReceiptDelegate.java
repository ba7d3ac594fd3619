package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Mails the receipt letter of a verified access request, with its due date. */
@Component
class SendAccessReceiptDelegate implements JavaDelegate {

    private final AccessRequests access;

    SendAccessReceiptDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        access.sendReceipt(ProcessVariables.requestId(execution));
    }
}
