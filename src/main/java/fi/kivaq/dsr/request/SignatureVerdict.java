package fi.kivaq.dsr.request;

/**
 * What a file's digital signature says about the requester's identity, as stored in
 * {@code request_evidence.signature_state}. Only {@link #VALID} proves it; every other signed state sends the request
 * to staff's check (the task "Check the signed request"), where the page says why the signature did not count.
 */
public enum SignatureVerdict {
    /** No digital signature (a scan, or an unsigned PDF): staff compare the signature by eye. */
    NONE,
    /** Intact over the whole file, chained to a trusted authority, valid and not revoked at signing, the register's name. */
    VALID,
    /** The signature does not cover the whole file: something was added after signing. */
    PARTIAL,
    /** The certificate does not chain to an authority in the configured trust store (or none is configured). */
    UNTRUSTED,
    /** The certificate was not valid (expired or not yet valid) at the time of signing. */
    EXPIRED,
    /** A revocation list that came with the signature lists the certificate. */
    REVOKED,
    /** The certificate names someone else than the register holds for the address. */
    NAME_MISMATCH,
    /** The address is not in the register, so there is no name the signature could prove. */
    NOT_IN_REGISTER;

    public boolean provesIdentity() {
        return this == VALID;
    }
}
