package fi.kivaq.dsr.access;

/** The contract of bpmn/access.bpmn: its key and the variables only it carries (the common ones are in ProcessVariables). */
public final class AccessProcess {

    /** Process definition key of bpmn/access.bpmn. */
    public static final String KEY = "access";

    /** Whether the register holds data about the verified address. */
    public static final String DATA_HELD = "dataHeld";
    /** Staff's review of an access extract: one of {@link ReviewDecision}. */
    public static final String REVIEW_DECISION = "reviewDecision";
    /** A manager's decision on a referred access request: one of {@link ManagerDecision}. */
    public static final String MANAGER_DECISION = "managerDecision";

    /** Values of {@link #REVIEW_DECISION}. */
    public enum ReviewDecision { APPROVE, GATHER_AGAIN, REFER_TO_MANAGER }

    /** Values of {@link #MANAGER_DECISION}. */
    public enum ManagerDecision { ANSWER, REFUSE }

    private AccessProcess() {
    }
}
