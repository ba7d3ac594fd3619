package fi.kivaq.dsr.objection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/** On completing the weighing of an objection: the outcome and its reasons must be recorded on the staff page. */
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
            throw new TaskCompletionRefused("Record the decision and its reasons on the staff page first: "
                    + "/staff/requests/id/" + requestId + "/objection");
        }
    }
}
