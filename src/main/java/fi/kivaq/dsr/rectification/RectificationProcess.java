package fi.kivaq.dsr.rectification;

/** The contract of bpmn/rectification.bpmn: its key and the variables only it carries. */
public final class RectificationProcess {

    /** Process definition key of bpmn/rectification.bpmn. */
    public static final String KEY = "rectification";

    /** Staff approved at least one change of a rectification request. */
    public static final String ANY_CHANGE_APPROVED = "anyChangeApproved";
    /** Staff approved a new e-mail address, which its owner must confirm before it is used. */
    public static final String ADDRESS_CHANGE_APPROVED = "addressChangeApproved";
    /** What the register change of a rectification found: APPLIED, CONFLICT or GONE. */
    public static final String REGISTER_OUTCOME = "registerOutcome";

    private RectificationProcess() {
    }
}
