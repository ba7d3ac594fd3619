package fi.kivaq.dsr.mail;

import java.util.Map;

/**
 * A mail to be written to the outbox.
 *
 * @param requestId          the request it belongs to, or null (e.g. a newsletter issue)
 * @param recipient          the single recipient address; we never send to anyone else
 * @param template           a template name under {@code templates/mail/{language}/}, without suffix
 * @param language           fi, sv or en
 * @param model              template variables
 * @param listUnsubscribeUrl one-click unsubscribe address (RFC 8058) for newsletter-style mails, or null
 * @param attachment         a file to attach, or null
 */
public record OutgoingMail(Long requestId, String recipient, String template, String language,
                           Map<String, Object> model, String listUnsubscribeUrl, Attachment attachment) {

    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    public static OutgoingMail of(Long requestId, String recipient, String template, String language,
                                  Map<String, Object> model) {
        return new OutgoingMail(requestId, recipient, template, language, model, null, null);
    }

    public OutgoingMail withListUnsubscribe(String url) {
        return new OutgoingMail(requestId, recipient, template, language, model, url, attachment);
    }

    public OutgoingMail withAttachment(Attachment file) {
        return new OutgoingMail(requestId, recipient, template, language, model, listUnsubscribeUrl, file);
    }
}
