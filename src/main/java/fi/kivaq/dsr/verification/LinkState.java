package fi.kivaq.dsr.verification;

/** Where a single-use link stands, for every kind of link: the page and the claim both answer with one of these. */
public enum LinkState {
    /** Issued, not used, not expired: the page shows the button. */
    VALID,
    /** Already claimed (the button was pressed before). */
    USED,
    /** Its time ran out, or the process that waited for it stopped waiting. */
    EXPIRED,
    /** Not one of ours, malformed, replaced by a newer link, or withdrawn. */
    UNKNOWN
}
