package fi.kivaq.dsr.deadline;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestClosed;
import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * Talks to a request's deadline watch (bpmn/deadline-watch.bpmn): starts it ({@link DeadlineWatchStarter} decides
 * when), moves its timers when the deadline is extended, and ends it when the request closes. All run inside the
 * caller's transaction.
 */
@Component
class DeadlineWatch {

    private final RuntimeService runtimeService;
    private final RequestDeadlines deadlines;
    private final JdbcClient jdbc;

    DeadlineWatch(RuntimeService runtimeService, RequestDeadlines deadlines, JdbcClient jdbc) {
        this.runtimeService = runtimeService;
        this.deadlines = deadlines;
        this.jdbc = jdbc;
    }

    /**
     * Starts the request's watch (its timers come from the deadline in force) unless it has started already: the
     * request's {@code deadline_watch_pending} flag is cleared by a conditional update, so of two nodes (or a sweep and
     * an extension) at once only one starts it. False when the watch had started, or the request had closed, before.
     * The update takes the row's lock: a close in flight either commits first (the request is no longer open, nothing
     * starts) or waits for this transaction and then ends the watch it started.
     */
    boolean startIfPending(long requestId, String reference) {
        boolean claimed = jdbc.sql("update dsr_request set deadline_watch_pending = false"
                        + " where id = :id and deadline_watch_pending and status in " + RequestDeadlines.OPEN_STATUSES)
                .param("id", requestId).update() == 1;
        if (claimed) {
            runtimeService.startProcessInstanceByKey(DeadlineWatchProcess.KEY, reference,
                    Map.of(ProcessVariables.REQUEST_ID, requestId));
        }
        return claimed;
    }

    /**
     * The timers restart from the new due date; a request whose watch has not started yet gets one now.
     */
    void deadlineExtended(long requestId, String reference) {
        var correlated = runtimeService.createMessageCorrelation(DeadlineWatchProcess.MESSAGE_DEADLINE_EXTENDED)
                .processInstanceBusinessKey(reference).correlateAllWithResult();
        if (correlated.isEmpty()) {
            startIfPending(requestId, reference);
        }
    }

    /**
     * Every final status goes through {@code RequestRepository.updateStatus} or {@code markVerificationExpired},
     * which publish {@link RequestClosed}. A request answered after its deadline whose overdue timer had not fired
     * yet (the job executor was behind) is recorded as overdue here, so the on-time figures stay right.
     */
    @EventListener
    void requestClosed(RequestClosed closed) {
        deadlines.find(closed.requestId()).ifPresent(deadline -> {
            if (!closed.at().isBefore(DeadlineTimers.overdueAt(deadline.dueDate()).toInstant())) {
                deadlines.markOverdue(deadline.id(), DeadlineTimers.overdueAt(deadline.dueDate()).toInstant());
            }
            runtimeService.createMessageCorrelation(DeadlineWatchProcess.MESSAGE_REQUEST_CLOSED)
                    .processInstanceBusinessKey(deadline.reference()).correlateAll();
        });
    }
}
