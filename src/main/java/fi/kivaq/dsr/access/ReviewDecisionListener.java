package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DecisionValues;

/**
 * On completing the review of an access extract: the decision is one of {@link AccessProcess.ReviewDecision}.
 * Tasklist's form offers only those, but {@code /engine-rest} takes any string; another would leave the review
 * gateway with no flow to take.
 */
@Component
class ReviewDecisionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        DecisionValues.require(task, AccessProcess.REVIEW_DECISION, AccessProcess.ReviewDecision.class);
    }
}
