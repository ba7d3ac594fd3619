package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing the chase of a subcontractor: completing it records the subcontractor's confirmation, which the
 * requester's letter reports (GDPR Art. 19), so staff must state it ({@code confirmedByHand}). Without the
 * statement, e.g. a completion through {@code /engine-rest} with no variables, the task stays open.
 */
@Component
class ChaseConfirmationListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable(SubcontractorNotificationProcess.CONFIRMED_BY_HAND))) {
            throw new TaskCompletionRefused("staff.refusal.subcontractorConfirmed",
                    SubcontractorNotificationProcess.CONFIRMED_BY_HAND);
        }
    }
}
