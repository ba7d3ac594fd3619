package fi.kivaq.dsr.verification;

import fi.kivaq.dsr.shared.ProcessContract;

/**
 * The contract of bpmn/identity-proof.bpmn, the opening that access, rectification and erasure call: its key, its
 * outcome flag and the ids that staff tools and tests look for. It reads requestId, verificationRequired and
 * evidenceCheckRequired ({@link fi.kivaq.dsr.shared.ProcessVariables}) and returns only {@link #IDENTITY_PROVEN}.
 */
@ProcessContract
public final class IdentityProofProcess {

    /** Process definition key of bpmn/identity-proof.bpmn. */
    public static final String KEY = "identity-proof";

    /**
     * The outcome, mapped out to the calling process: true when the link was confirmed, staff accepted the signed
     * letter or identity was proven already; false when the link expired unused (the request is closed by then).
     */
    public static final String IDENTITY_PROVEN = "identityProven";

    /** Staff's check of a scanned signed letter (Tasklist, task form check-signed-request). */
    public static final String TASK_CHECK_SIGNED_REQUEST = "UserTask_CheckSignedRequest";

    /** The call of address-verification.bpmn: a link mailed to the address, first or after an unconvincing letter. */
    public static final String TASK_VERIFY_ADDRESS = "CallActivity_VerifyAddress";

    private IdentityProofProcess() {
    }
}
