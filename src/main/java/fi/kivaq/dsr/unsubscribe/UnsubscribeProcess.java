package fi.kivaq.dsr.unsubscribe;

import fi.kivaq.dsr.shared.ProcessContract;

/**
 * The contract of bpmn/unsubscribe.bpmn: its key and the two steps the newsletter's promise hangs on. It carries
 * just the common variables of ProcessVariables.
 */
@ProcessContract
final class UnsubscribeProcess {

    /** Process definition key of bpmn/unsubscribe.bpmn. */
    static final String KEY = "unsubscribe";

    /**
     * The first step, with no asynchronous boundary before it: the consent ends inside the transaction that files
     * the request, before any verification.
     */
    static final String TASK_WITHDRAW_CONSENT = "Task_WithdrawConsent";

    /** The signed confirmation, only once the address is verified (or proven by the one-click link). */
    static final String TASK_SEND_CONFIRMATION = "Task_SendConfirmation";

    private UnsubscribeProcess() {
    }
}
