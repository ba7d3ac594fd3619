package fi.kivaq.dsr.verification;

import fi.kivaq.dsr.shared.ProcessContract;

/**
 * The contract of bpmn/address-verification.bpmn, which every request process calls: its key and its message. It
 * takes {@code requestId} and returns {@code addressVerified} (both in ProcessVariables).
 */
@ProcessContract
public final class AddressVerificationProcess {

    /** Process definition key of bpmn/address-verification.bpmn. */
    public static final String KEY = "address-verification";

    /** Correlated when the requester confirms the mailed link. */
    public static final String MESSAGE_ADDRESS_VERIFIED = "AddressVerified";

    private AddressVerificationProcess() {
    }
}
