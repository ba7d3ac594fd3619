package fi.kivaq.dsr.mail;

import java.util.Map;

import fi.kivaq.dsr.shared.Language;

/**
 * A mail to be written to the outbox.
 *
 * @param requestId          the request it belongs to, or null (e.g. a newsletter issue)
 * @param recipient          the single recipient address; we never send to anyone else
 * @param template           a template name under {@code templates/mail/{language}/}, without suffix; or
 *                           {@code staff/<name>} for a mail to our own staff ({@link #toStaff})
 * @param language           a {@link Language} code: fi, sv or en
 * @param model              template variables
 * @param listUnsubscribeUrl one-click unsubscribe address (RFC 8058) for newsletter-style mails, or null
 * @param attachment         a file to attach, or null
 * @param link               a mail a person is waiting for (a single-use link): sent on its own lane, never behind
 *                           letters and notices
 * @param listId             the mailing list (RFC 2919 {@code List-Id}) of a newsletter mail, or null: such a mail
 *                           goes on the rate-limited newsletter lane, and only if {@link ListMembership} still counts
 *                           its recipient in when it is about to go
 */
public record OutgoingMail(Long requestId, String recipient, String template, String language,
                           Map<String, Object> model, String listUnsubscribeUrl, Attachment attachment,
                           boolean link, String listId) {

    private static final String STAFF_TEMPLATES = "staff/";
    private static final Language STAFF_LANGUAGE = Language.FI;

    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    public static OutgoingMail of(Long requestId, String recipient, String template, String language,
                                  Map<String, Object> model) {
        return new OutgoingMail(requestId, recipient, template, language, model, null, null, false, null);
    }

    /**
     * A mail to our own staff: one Finnish template with English glosses under {@code templates/mail/staff/}, not a
     * text a requester or subcontractor reads, so it has no Swedish or English version.
     */
    public static OutgoingMail toStaff(Long requestId, String recipient, String template, Map<String, Object> model) {
        return of(requestId, recipient, STAFF_TEMPLATES + template, STAFF_LANGUAGE.code(), model);
    }

    static boolean isStaffTemplate(String template) {
        return template.startsWith(STAFF_TEMPLATES);
    }

    public OutgoingMail withListUnsubscribe(String url) {
        return new OutgoingMail(requestId, recipient, template, language, model, url, attachment, link, listId);
    }

    public OutgoingMail withAttachment(Attachment file) {
        return new OutgoingMail(requestId, recipient, template, language, model, listUnsubscribeUrl, file, link, listId);
    }

    /** The same mail, sent ahead of letters and notices: the person is waiting for its link. */
    public OutgoingMail asLink() {
        return new OutgoingMail(requestId, recipient, template, language, model, listUnsubscribeUrl, attachment, true,
                listId);
    }

    /**
     * The same mail as one of a mailing list's: the {@code List-Id} header, the newsletter lane, and a last check of
     * the recipient's membership ({@link ListMembership}) just before it goes.
     */
    public OutgoingMail onList(String id) {
        return new OutgoingMail(requestId, recipient, template, language, model, listUnsubscribeUrl, attachment, link, id);
    }
}
