package fi.kivaq.dsr.mail;

/**
 * Published by {@link OutboxDispatcher}, synchronously in the thread that sent the mail, once the SMTP server has
 * accepted it and its row is marked sent. Not published for a mail given up as failed. Carries ids only.
 *
 * @param mailId    the outbox row
 * @param requestId the request the mail is about, or {@code null} for a mail of no request (a newsletter)
 */
public record MailSent(long mailId, Long requestId) {
}
