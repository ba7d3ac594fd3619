package fi.kivaq.dsr.mail;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * The only way our code sends mail: a row written in the caller's transaction, so that a mail exists
 * exactly when the state change that causes it has committed. {@link OutboxDispatcher} sends it as soon as that
 * transaction commits (its poll only catches what other nodes wrote and what waits for a retry).
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final MailComposer composer;
    private final Clock clock;
    private final OutboxDispatcher dispatcher;
    private final ObjectProvider<RequestStatusLink> statusLinks;

    MailOutbox(JdbcClient jdbc, MailComposer composer, Clock clock, OutboxDispatcher dispatcher,
               ObjectProvider<RequestStatusLink> statusLinks) {
        this.jdbc = jdbc;
        this.composer = composer;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.statusLinks = statusLinks;
    }

    /**
     * Mails not yet sent that belong to one of the requests or go to the (normalised) address: an erasure's clean-up
     * waits for them, because it blanks what they carry.
     */
    public long unsentCount(List<Long> requestIds, String normalisedAddress) {
        return jdbc.sql("""
                        select count(*) from outbox_mail where status in ('PENDING', 'SENDING')
                        and (request_id in (:ids) or lower(recipient) = :e)""")
                .param("ids", requestIds).param("e", normalisedAddress).query(Long.class).single();
    }

    /**
     * {@link #unsentCount}, locking those rows until the caller's transaction ends: the dispatcher can neither claim
     * nor mark one of them sent (nor announce it, {@link MailSent}) before the caller has committed what it decided
     * on the count, e.g. to wait for that very mail.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long lockUnsent(List<Long> requestIds, String normalisedAddress) {
        return jdbc.sql("""
                        select id from outbox_mail where status in ('PENDING', 'SENDING')
                        and (request_id in (:ids) or lower(recipient) = :e) for update""")
                .param("ids", requestIds).param("e", normalisedAddress).query(Long.class).list().size();
    }

    /** A mail as it would be sent: its subject, plain text and HTML alternative. */
    public record Preview(String subject, String text, String html) {
    }

    /** Renders the mail without sending or storing anything (a newsletter's preview). */
    public Preview preview(OutgoingMail mail) {
        MailComposer.ComposedMail composed = composer.compose(mail.template(), mail.language(), mail.model());
        return new Preview(composed.subject(), composed.text(), composed.html());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long enqueue(OutgoingMail mail) {
        MailComposer.ComposedMail composed = composer.compose(mail.template(), mail.language(), mail.model(),
                statusUrl(mail));
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        OutgoingMail.Attachment file = mail.attachment();
        OutboxDispatcher.Lane lane = mail.listId() != null ? OutboxDispatcher.Lane.NEWSLETTER
                : mail.link() ? OutboxDispatcher.Lane.LINKS : OutboxDispatcher.Lane.OTHERS;
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                insert into outbox_mail (request_id, message_id, recipient, subject, text_body, html_body,
                    list_unsubscribe_url, list_id, attachment_name, attachment_type, attachment,
                    status, attempts, priority, next_attempt_at, created_at)
                values (:requestId, :messageId, :recipient, :subject, :text, :html,
                    :listUnsubscribe, :listId, :fileName, :fileType, :file, 'PENDING', 0, :priority, :now, :now)
                """)
                .param("requestId", mail.requestId())
                .param("messageId", "<" + UUID.randomUUID() + "@dsr.kivaq.fi>")
                .param("recipient", mail.recipient())
                .param("subject", composed.subject())
                .param("text", composed.text())
                .param("html", composed.html())
                .param("listUnsubscribe", mail.listUnsubscribeUrl())
                .param("listId", mail.listId())
                .param("fileName", file == null ? null : file.fileName())
                .param("fileType", file == null ? null : file.contentType())
                .param("file", file == null ? null : file.content())
                .param("priority", lane.priority())
                .param("now", now));
        wakeAfterCommit(lane);
        return id;
    }

    /** The requester's status page, for a mail about a request to the requester (not staff, not a subcontractor). */
    private String statusUrl(OutgoingMail mail) {
        if (mail.requestId() == null || OutgoingMail.isStaffTemplate(mail.template())) {
            return null;
        }
        RequestStatusLink links = statusLinks.getIfAvailable();
        return links == null ? null : links.urlFor(mail.requestId(), mail.recipient()).orElse(null);
    }

    /** The mail can be sent once the row is visible to the dispatcher's own connection: after this commit. */
    private void wakeAfterCommit(OutboxDispatcher.Lane lane) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dispatcher.wake(lane);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake(lane);
            }
        });
    }
}
