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

    /** Message correlated when the requester confirms the mailed link. */
    public static final String MESSAGE_ADDRESS_VERIFIED = "AddressVerified";

    private ProcessVariables() {
    }
}
