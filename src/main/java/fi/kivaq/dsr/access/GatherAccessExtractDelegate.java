package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Gathers the register extract by the verified address (kept in our tables) and records only whether data is held. */
@Component
class GatherAccessExtractDelegate implements JavaDelegate {

    private final AccessRequests access;

    GatherAccessExtractDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(AccessProcess.DATA_HELD, access.gatherExtract(ProcessVariables.requestId(execution)));
    }
}
