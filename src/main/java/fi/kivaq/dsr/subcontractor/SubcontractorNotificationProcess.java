package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The contract of bpmn/subcontractor-notification.bpmn: its message and the variable only it carries. */
public final class SubcontractorNotificationProcess {

    /** Message correlated (by the process variable {@code notificationId}) when a subcontractor confirms. */
    public static final String MESSAGE_ACKNOWLEDGED = "SubcontractorAcknowledged";
    /** The notification one sub-process handles: the element variable of the calling multi-instance activity. */
    public static final String NOTIFICATION_ID = "notificationId";

    private SubcontractorNotificationProcess() {
    }

    /** The notification a subcontractor-notification process handles, as its delegates read it. */
    static long notificationId(VariableScope scope) {
        Object value = scope.getVariable(NOTIFICATION_ID);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("process variable " + NOTIFICATION_ID + " is missing");
        }
        return number.longValue();
    }
}
