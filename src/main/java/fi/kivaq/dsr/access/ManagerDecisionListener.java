package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DecisionValues;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing a manager's decision on an access request: the decision is one of
 * {@link AccessProcess.ManagerDecision}, and a refusal needs its reason, recorded on the staff page (it goes into
 * the letter and stays out of the engine). Otherwise the task stays open with a message saying so, instead of the
 * gateway or the refusal letter failing later.
 */
@Component
class ManagerDecisionListener implements TaskListener {

    private final AccessRequests access;

    ManagerDecisionListener(AccessRequests access) {
        this.access = access;
    }

    @Override
    public void notify(DelegateTask task) {
        AccessProcess.ManagerDecision decision = DecisionValues.require(task, AccessProcess.MANAGER_DECISION,
                AccessProcess.ManagerDecision.class);
        long requestId = ProcessVariables.requestId(task.getExecution());
        if (decision == AccessProcess.ManagerDecision.REFUSE && !access.hasRefusalReason(requestId)) {
            throw new TaskCompletionRefused("staff.refusal.managerRefusalReason", "/staff/requests/id/" + requestId);
        }
    }
}
