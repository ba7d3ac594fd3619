package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * On completing the assessment of an erasure: staff state whether invoicing records stay (Accounting Act) as a
 * yes or no. A completion without it, e.g. through {@code /engine-rest} with no variables, would otherwise read
 * as "erase them too", which cannot be undone.
 */
@Component
class ErasureAssessmentListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (!(task.getVariable(ErasureProcess.KEEP_INVOICING_RECORDS) instanceof Boolean)) {
            throw new TaskCompletionRefused("staff.refusal.invoicingRecords", ErasureProcess.KEEP_INVOICING_RECORDS);
        }
    }
}
