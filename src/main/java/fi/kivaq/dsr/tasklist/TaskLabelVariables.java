package fi.kivaq.dsr.tasklist;

import fi.kivaq.dsr.shared.ProcessContract;

/**
 * The task variables {@link RequestTaskLabels} gives every user task, which Tasklist's filters list and every task
 * form's heading shows. Not personal data: our reference for the request, and its kind.
 */
@ProcessContract
final class TaskLabelVariables {

    /** The request's reference, e.g. DSR-2026-00042 (also the process's business key). */
    static final String REFERENCE = "reference";
    /** The kind of request in words, e.g. "Access". */
    static final String REQUEST_TYPE = "requestType";

    private TaskLabelVariables() {
    }
}
