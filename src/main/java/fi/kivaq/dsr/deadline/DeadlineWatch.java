package fi.kivaq.dsr.deadline;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestClosed;
import fi.kivaq.dsr.request.RequestFiled;
import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * Talks to a request's deadline watch (bpmn/deadline-watch.bpmn): starts it when the request is filed, moves its
 * timers when the deadline is extended, and ends it when the request closes. All run inside the caller's transaction.
 */
@Component
class DeadlineWatch {

    private final RuntimeService runtimeService;
    private final RequestDeadlines deadlines;

    DeadlineWatch(RuntimeService runtimeService, RequestDeadlines deadlines) {
        this.runtimeService = runtimeService;
        this.deadlines = deadlines;
    }

    /** First of the listeners, so that the watch exists before the request's own process can close the request. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void requestFiled(RequestFiled filed) {
        runtimeService.startProcessInstanceByKey(DeadlineWatchProcess.KEY, filed.reference(),
                Map.of(ProcessVariables.REQUEST_ID, filed.requestId()));
    }

    /** The timers restart from the new due date; a request filed before the watch existed gets one now. */
    void deadlineExtended(long requestId, String reference) {
        var correlated = runtimeService.createMessageCorrelation(DeadlineWatchProcess.MESSAGE_DEADLINE_EXTENDED)
                .processInstanceBusinessKey(reference).correlateAllWithResult();
        if (correlated.isEmpty()) {
            runtimeService.startProcessInstanceByKey(DeadlineWatchProcess.KEY, reference,
                    Map.of(ProcessVariables.REQUEST_ID, requestId));
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
