package fi.kivaq.dsr.shared;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables that every request process carries: the request's id and yes/no flags. Each feature declares its
 * own beside its process. Names, addresses and request details stay in our tables, so that Camunda's history never
 * holds personal data (see README, "Erasure").
 */
@ProcessContract
public final class ProcessVariables {

    /** The {@code dsr_request.id} of the request the process handles (the business key is its reference). */
    public static final String REQUEST_ID = "requestId";
    /** Whether the requester still has to prove control of the address. */
    public static final String VERIFICATION_REQUIRED = "verificationRequired";
    /** Outcome of the address verification sub-process. */
    public static final String ADDRESS_VERIFIED = "addressVerified";

    /**
     * Whether staff must check evidence of identity that came with the request (a signed letter) before it goes on;
     * false when a digital signature was verified on upload. The access, rectification and erasure processes pass it
     * to identity-proof.bpmn, which reads it.
     */
    public static final String EVIDENCE_CHECK_REQUIRED = "evidenceCheckRequired";
    /** Staff's outcome of checking a signed request: true when it proves the requester's identity. */
    public static final String IDENTITY_CONFIRMED = "identityConfirmed";

    /** The signed answer of an erasure or rectification has gone (it may go before every recipient confirmed). */
    public static final String LETTER_SENT = "letterSent";

    private ProcessVariables() {
    }

    /** The request id that every delegate and listener reads from its process (an execution or a task). */
    public static long requestId(VariableScope scope) {
        return id(scope, REQUEST_ID);
    }

    /** A variable holding a row id (the only kind of reference a process carries), which must be there. */
    public static long id(VariableScope scope, String variable) {
        Object value = scope.getVariable(variable);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("process variable " + variable + " is missing");
        }
        return number.longValue();
    }
}
