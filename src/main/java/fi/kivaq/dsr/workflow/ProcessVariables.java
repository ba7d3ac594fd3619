package fi.kivaq.dsr.workflow;

/**
 * The only variables our processes carry: the request's id and yes/no flags. Names, addresses and request
 * details stay in our tables, so that Camunda's history never holds personal data (see README, "Erasure").
 */
public final class ProcessVariables {

    /** The {@code dsr_request.id} of the request the process handles (the business key is its reference). */
    public static final String REQUEST_ID = "requestId";
    /** Whether the requester still has to prove control of the address. */
    public static final String VERIFICATION_REQUIRED = "verificationRequired";
    /** Outcome of the address verification sub-process. */
    public static final String ADDRESS_VERIFIED = "addressVerified";

    /**
     * Whether staff must check evidence of identity that came with the request (a signed letter) before it goes on;
     * false when a digital signature was verified on upload. Read by the access, rectification and erasure processes.
     */
    public static final String EVIDENCE_CHECK_REQUIRED = "evidenceCheckRequired";
    /** Staff's outcome of checking a signed request: true when it proves the requester's identity. */
    public static final String IDENTITY_CONFIRMED = "identityConfirmed";
    /** Whether the register holds data about the verified address. */
    public static final String DATA_HELD = "dataHeld";
    /** Staff's review of an access extract: one of {@link ReviewDecision}. */
    public static final String REVIEW_DECISION = "reviewDecision";
    /** A manager's decision on a referred access request: one of {@link ManagerDecision}. */
    public static final String MANAGER_DECISION = "managerDecision";

    /** Staff approved at least one change of a rectification request. */
    public static final String ANY_CHANGE_APPROVED = "anyChangeApproved";
    /** Staff approved a new e-mail address, which its owner must confirm before it is used. */
    public static final String ADDRESS_CHANGE_APPROVED = "addressChangeApproved";
    /** The signed answer of an erasure or rectification has gone (it may go before every recipient confirmed). */
    public static final String LETTER_SENT = "letterSent";
    /** What the register change of a rectification found: APPLIED, CONFLICT or GONE. */
    public static final String REGISTER_OUTCOME = "registerOutcome";

    /** Values of {@link #REVIEW_DECISION}. */
    public enum ReviewDecision { APPROVE, GATHER_AGAIN, REFER_TO_MANAGER }

    /** Values of {@link #MANAGER_DECISION}. */
    public enum ManagerDecision { ANSWER, REFUSE }

    /** Message correlated when the requester confirms the mailed link. */
    public static final String MESSAGE_ADDRESS_VERIFIED = "AddressVerified";

    private ProcessVariables() {
    }
}
