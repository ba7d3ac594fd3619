package fi.kivaq.dsr.security;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.audit.AuditLog;

/**
 * Every completed user task, from whatever client, is in the audit log: who (the engine's authenticated user, as
 * Tasklist, forms and {@code /engine-rest} set it, else the staff login of our own pages, else the assignee), which
 * task and which process instance. Runs in the engine's transaction, so a completion is never without its entry.
 */
@Component
class TaskCompletionAudit {

    private final AuditLog audit;

    TaskCompletionAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_COMPLETE + "'")
    public void completed(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String businessKey = execution == null ? null : execution.getProcessBusinessKey();
        audit.recordEngine(actor(task), AuditLog.Action.COMPLETE_TASK, businessKey,
                "task " + task.getTaskDefinitionKey() + " " + task.getId() + " of process instance "
                        + task.getProcessInstanceId() + (businessKey == null ? "" : " (" + businessKey + ")"));
    }

    private static String actor(DelegateTask task) {
        Authentication engineUser = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (engineUser != null && engineUser.getUserId() != null) {
            return engineUser.getUserId();
        }
        org.springframework.security.core.Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (login != null && login.isAuthenticated() && login.getName() != null) {
            return login.getName();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }
}
