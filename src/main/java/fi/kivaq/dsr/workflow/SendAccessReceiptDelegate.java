package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.access.AccessRequests;

/** Mails the receipt letter of a verified access request, with its due date. */
@Component
class SendAccessReceiptDelegate implements JavaDelegate {

    private final AccessRequests access;

    SendAccessReceiptDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        access.sendReceipt(Delegates.requestId(execution));
    }
}
