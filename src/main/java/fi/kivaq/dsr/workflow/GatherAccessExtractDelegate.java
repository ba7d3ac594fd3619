package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.access.AccessRequests;

/** Gathers the register extract by the verified address (kept in our tables) and records only whether data is held. */
@Component
class GatherAccessExtractDelegate implements JavaDelegate {

    private final AccessRequests access;

    GatherAccessExtractDelegate(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ProcessVariables.DATA_HELD, access.gatherExtract(Delegates.requestId(execution)));
    }
}
