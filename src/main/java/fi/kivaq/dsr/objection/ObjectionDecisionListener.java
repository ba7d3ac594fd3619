package fi.kivaq.dsr.objection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing the weighing of an objection: the outcome, its reasons and, when upheld, the uses it stops must be
 * recorded on the staff page; through Tasklist or {@code /engine-rest} a completion without them is refused (400).
 */
@Component
class ObjectionDecisionListener implements TaskListener {

    private final Objections objections;

    ObjectionDecisionListener(Objections objections) {
        this.objections = objections;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = ProcessVariables.requestId(task.getExecution());
        if (!objections.isDecided(requestId)) {
            throw new TaskCompletionRefused("staff.refusal.objectionDecision",
                    "/staff/requests/id/" + requestId + "/objection");
        }
        if (objections.upholdsWithoutUses(requestId)) {
            throw new TaskCompletionRefused("staff.refusal.objectionUses",
                    "/staff/requests/id/" + requestId + "/objection");
        }
    }
}
