package fi.kivaq.dsr.deadline;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestClosed;
import fi.kivaq.dsr.workflow.ProcessVariables;
import fi.kivaq.dsr.workflow.RequestProcesses;

/**
 * Talks to a request's deadline watch (bpmn/deadline-watch.bpmn, started with every request by
 * {@link RequestProcesses#start}): moves its timers when the deadline is extended, and ends it when the request
 * closes. Both run inside the caller's transaction.
 */
@Component
class DeadlineWatch {

    static final String MESSAGE_DEADLINE_EXTENDED = "DeadlineExtended";
    static final String MESSAGE_REQUEST_CLOSED = "RequestClosed";

    private final RuntimeService runtimeService;
    private final RequestDeadlines deadlines;

    DeadlineWatch(RuntimeService runtimeService, RequestDeadlines deadlines) {
        this.runtimeService = runtimeService;
        this.deadlines = deadlines;
    }

    /** The timers restart from the new due date; a request filed before the watch existed gets one now. */
    void deadlineExtended(long requestId, String reference) {
        var correlated = runtimeService.createMessageCorrelation(MESSAGE_DEADLINE_EXTENDED)
                .processInstanceBusinessKey(reference).correlateAllWithResult();
        if (correlated.isEmpty()) {
            runtimeService.startProcessInstanceByKey(RequestProcesses.DEADLINE_WATCH, reference,
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
            runtimeService.createMessageCorrelation(MESSAGE_REQUEST_CLOSED)
                    .processInstanceBusinessKey(deadline.reference()).correlateAll();
        });
    }
}
