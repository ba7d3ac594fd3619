package fi.kivaq.dsr.rectification;

/**
 * One field of a rectification request: the register's value when it was proposed or decided, the requested value,
 * staff's decision and what the register change did with it.
 */
public record RequestedChange(Field field, String currentValue, String newValue, Decision decision, Outcome outcome) {

    public enum Decision { PROPOSED, APPROVED, REFUSED }

    /** APPLIED; LAPSED: a new e-mail address that was never confirmed; NOT_APPLIED: the contact was gone. */
    public enum Outcome { APPLIED, LAPSED, NOT_APPLIED }
}
