package fi.kivaq.dsr.unsubscribe;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/unsubscribe.bpmn: only its key; it carries just the common variables of ProcessVariables. */
@ProcessContract
final class UnsubscribeProcess {

    /** Process definition key of bpmn/unsubscribe.bpmn. */
    static final String KEY = "unsubscribe";

    private UnsubscribeProcess() {
    }
}
