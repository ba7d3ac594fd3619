package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing the decision task: the decision must have been recorded on the staff page (it holds the values,
 * which stay out of the engine); the process gets only the flags it branches on.
 */
@Component
class RectificationDecisionListener implements TaskListener {

    private final RectificationRecords records;

    RectificationDecisionListener(RectificationRecords records) {
        this.records = records;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = ProcessVariables.requestId(task.getExecution());
        RectificationRecords.Summary summary = records.summary(requestId);
        if (!summary.decided()) {
            throw new TaskCompletionRefused("staff.refusal.rectificationDecision",
                    "/staff/requests/id/" + requestId + "/rectification");
        }
        task.getExecution().setVariable(RectificationProcess.ANY_CHANGE_APPROVED, summary.anyChangeApproved());
        task.getExecution().setVariable(RectificationProcess.ADDRESS_CHANGE_APPROVED, summary.addressChangeApproved());
    }
}
