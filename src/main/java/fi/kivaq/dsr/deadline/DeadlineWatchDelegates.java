package fi.kivaq.dsr.deadline;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * The thin delegates of bpmn/deadline-watch.bpmn. Each calls one use case; a request that closed before its timer
 * fired ends the watch quietly through the BPMN error {@value DeadlineWatchProcess#ERROR_REQUEST_ALREADY_CLOSED}.
 */
@Configuration
class DeadlineWatchDelegates {

    @FunctionalInterface
    private interface UseCase {
        boolean run(long requestId);
    }

    @Bean
    JavaDelegate sendDeadlineReminderDelegate(DeadlineNotifications notifications) {
        return delegate(notifications::remind);
    }

    @Bean
    JavaDelegate escalateDeadlineDelegate(DeadlineNotifications notifications) {
        return delegate(notifications::escalate);
    }

    @Bean
    JavaDelegate markRequestOverdueDelegate(DeadlineNotifications notifications) {
        return delegate(notifications::markOverdue);
    }

    private static JavaDelegate delegate(UseCase useCase) {
        return (DelegateExecution execution) -> {
            if (!useCase.run(requestId(execution))) {
                throw new BpmnError(DeadlineWatchProcess.ERROR_REQUEST_ALREADY_CLOSED,
                        "the request was closed before its deadline");
            }
        };
    }

    static long requestId(DelegateExecution execution) {
        if (!(execution.getVariable(ProcessVariables.REQUEST_ID) instanceof Number id)) {
            throw new IllegalStateException("process " + execution.getProcessInstanceId() + " carries no request id");
        }
        return id.longValue();
    }
}
