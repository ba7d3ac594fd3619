package fi.kivaq.dsr.shared;

public enum RequestStatus {
    /** Waiting for the requester to confirm control of the address. */
    AWAITING_VERIFICATION,
    /** Verified (or not needing verification) and being handled. */
    IN_PROGRESS,
    /** Answered. */
    COMPLETED,
    /** The verification link expired unused; nothing was done. */
    CLOSED_UNVERIFIED
}
