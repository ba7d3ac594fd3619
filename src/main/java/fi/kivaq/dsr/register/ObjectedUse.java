package fi.kivaq.dsr.register;

/**
 * A use of a contact's data on KivaQ's legitimate interests that an upheld objection (GDPR Art. 21(1)) stops by
 * itself: once recorded on the contact ({@link ContactRegister#stopUse}), every place doing that processing skips the
 * contact. Only uses the system itself performs are here; what happens outside it (a colleague's own mailbox) is the
 * staff's to stop, and the letter says which of these stopped.
 */
public enum ObjectedUse {
    /**
     * Customer relationship management by staff: the contact is no longer found by the register search, and its
     * register page shows only a pointer to the objection.
     */
    CUSTOMER_RELATIONSHIP,
    /** Copies of the register for other tools: the contact is left out of every CSV export of the register. */
    REGISTER_EXPORT
}
