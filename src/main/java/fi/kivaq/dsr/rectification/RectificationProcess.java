package fi.kivaq.dsr.rectification;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/rectification.bpmn: its key and the names only it and this module share. */
@ProcessContract
public final class RectificationProcess {

    /** Process definition key of bpmn/rectification.bpmn. */
    public static final String KEY = "rectification";

    /** Staff approved at least one change of a rectification request. */
    public static final String ANY_CHANGE_APPROVED = "anyChangeApproved";
    /** Staff approved a new e-mail address, which its owner must confirm before it is used. */
    public static final String ADDRESS_CHANGE_APPROVED = "addressChangeApproved";
    /** What the register change of a rectification found. */
    @ProcessContract.Values(RegisterOutcome.class)
    public static final String REGISTER_OUTCOME = "registerOutcome";

    /** Correlated when the owner of a new e-mail address confirms it. */
    public static final String MESSAGE_NEW_ADDRESS_CONFIRMED = "NewAddressConfirmed";

    /** Staff decide field by field; the staff page completes this task when the decision is saved. */
    public static final String TASK_DECIDE_RECTIFICATION = "UserTask_DecideRectification";

    private RectificationProcess() {
    }
}
