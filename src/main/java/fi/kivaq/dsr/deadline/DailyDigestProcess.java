package fi.kivaq.dsr.deadline;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/daily-digest.bpmn: only its key; it carries no variables (a timer starts it). */
@ProcessContract
final class DailyDigestProcess {

    /** Process definition key of bpmn/daily-digest.bpmn. */
    static final String KEY = "daily-digest";

    private DailyDigestProcess() {
    }
}
