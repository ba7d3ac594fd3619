package fi.kivaq.dsr.retention;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/retention.bpmn: only its key; it carries no variables (a timer starts it). */
@ProcessContract
final class RetentionProcess {

    /** Process definition key of bpmn/retention.bpmn. */
    static final String KEY = "retention";

    private RetentionProcess() {
    }
}
