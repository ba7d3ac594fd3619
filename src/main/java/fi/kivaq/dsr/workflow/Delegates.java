package fi.kivaq.dsr.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/** What every delegate reads from its process: the request id, and nothing else. */
final class Delegates {

    private Delegates() {
    }

    static long requestId(DelegateExecution execution) {
        Object value = execution.getVariable(ProcessVariables.REQUEST_ID);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("process " + execution.getProcessInstanceId() + " carries no request id");
        }
        return number.longValue();
    }

    static long notificationId(DelegateExecution execution) {
        Object value = execution.getVariable(SubcontractorNotifications.NOTIFICATION_ID);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("process " + execution.getProcessInstanceId() + " carries no notification id");
        }
        return number.longValue();
    }
}
