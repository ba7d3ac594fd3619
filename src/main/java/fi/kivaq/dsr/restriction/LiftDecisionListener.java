package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/** On completing the lift: the reason the person is told must be recorded on the staff page first. */
@Component
class LiftDecisionListener implements TaskListener {

    private final Restrictions restrictions;

    LiftDecisionListener(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = ProcessVariables.requestId(task.getExecution());
        if (!restrictions.isLiftDecided(requestId)) {
            throw new TaskCompletionRefused("staff.refusal.liftReason",
                    "/staff/requests/id/" + requestId + "/restriction");
        }
    }
}
