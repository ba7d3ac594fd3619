package fi.kivaq.dsr.access;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/access.bpmn: its key and the variables only it carries (the common ones are in ProcessVariables). */
@ProcessContract
public final class AccessProcess {

    /** Process definition key of bpmn/access.bpmn. */
    public static final String KEY = "access";

    /** Whether the register holds data about the verified address. */
    public static final String DATA_HELD = "dataHeld";
    /** Staff's review of an access extract: one of {@link ReviewDecision}. */
    @ProcessContract.Values(ReviewDecision.class)
    public static final String REVIEW_DECISION = "reviewDecision";
    /** A manager's decision on a referred access request: one of {@link ManagerDecision}. */
    @ProcessContract.Values(ManagerDecision.class)
    public static final String MANAGER_DECISION = "managerDecision";

    /** Staff review the gathered extract (completed through Tasklist or {@code /engine-rest}). */
    public static final String TASK_REVIEW_EXTRACT = "UserTask_ReviewExtract";
    /** A manager decides on a request staff referred. */
    public static final String TASK_MANAGER_DECISION = "UserTask_ManagerDecision";

    /** Values of {@link #REVIEW_DECISION}. */
    public enum ReviewDecision { APPROVE, GATHER_AGAIN, REFER_TO_MANAGER }

    /** Values of {@link #MANAGER_DECISION}. */
    public enum ManagerDecision { ANSWER, REFUSE }

    private AccessProcess() {
    }
}
