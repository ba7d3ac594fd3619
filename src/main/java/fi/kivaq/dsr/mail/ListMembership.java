package fi.kivaq.dsr.mail;

/**
 * The owner of a mailing list answers whether a recipient is still on it. The dispatcher asks just before it sends a
 * list's mail ({@link OutgoingMail#onList}), so that someone who left the list while the mail waited in the outbox
 * (an unsubscribe during a newsletter's send) does not get it: the row is cancelled instead.
 */
public interface ListMembership {

    /** Whether this bean answers for the list. */
    boolean answersFor(String listId);

    /** Whether the address is still on the list. */
    boolean stillOnList(String listId, String recipient);
}
