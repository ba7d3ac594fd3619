package fi.kivaq.dsr.deadline;

import fi.kivaq.dsr.shared.ProcessContract;

/**
 * The contract of bpmn/deadline-watch.bpmn: its key, its messages and its error. It carries only {@code requestId}
 * (ProcessVariables).
 */
@ProcessContract
final class DeadlineWatchProcess {

    /** Process definition key of bpmn/deadline-watch.bpmn. */
    static final String KEY = "deadline-watch";

    /** Restarts the timers from the extended due date. */
    static final String MESSAGE_DEADLINE_EXTENDED = "DeadlineExtended";
    /** Ends the watch: the request is closed. */
    static final String MESSAGE_REQUEST_CLOSED = "RequestClosed";

    /** Thrown by a delegate whose request closed before its timer fired: the watch ends quietly. */
    static final String ERROR_REQUEST_ALREADY_CLOSED = "RequestAlreadyClosed";

    private DeadlineWatchProcess() {
    }
}
