package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing the decision on a restriction: the decision, its ground and reasons must be recorded on the staff
 * page (they go into the letter and stay out of the engine); the process's flag is taken from that record, never
 * from what a completion through the Tasklist or {@code /engine-rest} may carry.
 */
@Component
class RestrictionDecisionListener implements TaskListener {

    private final Restrictions restrictions;

    RestrictionDecisionListener(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = ProcessVariables.requestId(task.getExecution());
        if (!restrictions.isDecided(requestId)) {
            throw new TaskCompletionRefused("staff.refusal.restrictionDecision",
                    "/staff/requests/id/" + requestId + "/restriction");
        }
        task.getExecution().setVariable(RestrictionProcess.RESTRICTION_GRANTED, restrictions.isGranted(requestId));
    }
}
