package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Erases the requester's data as staff assessed it (flag {@code keepInvoicingRecords} from the assessment form). */
@Component
class EraseDataDelegate implements JavaDelegate {

    private final Erasure erasure;

    EraseDataDelegate(Erasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean keep = Boolean.TRUE.equals(execution.getVariable(ErasureProcess.KEEP_INVOICING_RECORDS));
        erasure.erase(ProcessVariables.requestId(execution), keep);
    }
}
