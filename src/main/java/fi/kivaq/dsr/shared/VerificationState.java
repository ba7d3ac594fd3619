package fi.kivaq.dsr.shared;

public enum VerificationState {
    PENDING, VERIFIED, EXPIRED,
    /** Control of the address was already proven, e.g. by a one-click link that only that address received. */
    NOT_REQUIRED
}
