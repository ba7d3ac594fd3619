package fi.kivaq.dsr.staff;

/**
 * A link on the staff's contact page to a feature's own page about that contact (e.g. rectification's "propose a
 * correction"). Features contribute them as beans, so that the contact page names no feature and still works, with
 * fewer links, when one is removed.
 */
public interface ContactPageLink {

    /** The message key of the link's text. */
    String label();

    /** The path of the feature's page for the contact. */
    String path(long contactId);
}
