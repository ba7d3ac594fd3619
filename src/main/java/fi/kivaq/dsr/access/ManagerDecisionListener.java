package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * On completing a manager's decision on an access request: a refusal needs its reason, recorded on the staff page
 * (it goes into the letter and stays out of the engine). Without one the task stays open with a message saying so,
 * instead of the refusal letter failing later.
 */
@Component
class ManagerDecisionListener implements TaskListener {

    private final AccessRequests access;

    ManagerDecisionListener(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean refuses = AccessProcess.ManagerDecision.REFUSE.name()
                .equals(String.valueOf(task.getVariable(AccessProcess.MANAGER_DECISION)));
        long requestId = ProcessVariables.requestId(task.getExecution());
        if (refuses && !access.hasRefusalReason(requestId)) {
            throw new ProcessEngineException("Write the reason for the refusal on the staff page first: "
                    + "/staff/requests/id/" + requestId);
        }
    }
}
