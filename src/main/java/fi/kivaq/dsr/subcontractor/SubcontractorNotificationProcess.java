package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.delegate.VariableScope;

import fi.kivaq.dsr.shared.ProcessContract;
import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * The contract of bpmn/subcontractor-notification.bpmn, called once per recipient by the erasure and rectification
 * processes: its key, its message and the variables only it carries.
 */
@ProcessContract
public final class SubcontractorNotificationProcess {

    /** Process definition key of bpmn/subcontractor-notification.bpmn. */
    public static final String KEY = "subcontractor-notification";

    /** The {@code subcontractor_notification.id} one instance handles (the multi-instance element variable). */
    public static final String NOTIFICATION_ID = "notificationId";
    /** Staff's statement, when they chase a subcontractor by hand, that it confirmed following the instruction. */
    public static final String CONFIRMED_BY_HAND = "confirmedByHand";

    /**
     * Set by the mail step and the hand-over to staff: the notice was superseded before it (a restriction lifted
     * first), so nothing was sent or handed over and the process ends.
     */
    public static final String NOTICE_SUPERSEDED = "noticeSuperseded";

    /** Correlated (by {@link #NOTIFICATION_ID}) when a subcontractor confirms with its link. */
    public static final String MESSAGE_ACKNOWLEDGED = "SubcontractorAcknowledged";

    /**
     * Correlated (by {@link #NOTIFICATION_ID}) when the restriction notice is superseded by the lift notice: the
     * wait for the confirmation, or staff's chase, ends without a reminder.
     */
    public static final String MESSAGE_SUPERSEDED = "SubcontractorNoticeSuperseded";

    /** Staff chase a subcontractor that has not confirmed, and record its confirmation. */
    public static final String TASK_CHASE_SUBCONTRACTOR = "UserTask_ChaseSubcontractor";

    private SubcontractorNotificationProcess() {
    }

    /** The notification a subcontractor-notification process handles, as its delegates read it. */
    static long notificationId(VariableScope scope) {
        return ProcessVariables.id(scope, NOTIFICATION_ID);
    }
}
