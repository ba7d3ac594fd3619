package fi.kivaq.dsr.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends outbox rows through Spring Mail. A row is claimed with a conditional update before it is sent, so two
 * dispatchers (two threads or two app nodes on one database) never both send it; a failed send is retried with
 * exponential back-off. Each row keeps one Message-ID for all its attempts.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final JavaMailSender mailSender;
    private final MailProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    OutboxDispatcher(JdbcClient jdbc, JavaMailSender mailSender, MailProperties properties, Clock clock,
                     ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    @Scheduled(fixedDelayString = "${dsr.mail.dispatch-interval:PT2S}", initialDelayString = "PT5S")
    public void dispatchDue() {
        releaseExpiredLeases();
        int claimed;
        do {
            claimed = dispatchBatch();
        } while (claimed == BATCH);
    }

    /** Number of rows waiting to be sent (pending or being sent); the mail dispatcher's health. */
    public long backlog() {
        return jdbc.sql("select count(*) from outbox_mail where status in ('PENDING', 'SENDING')")
                .query(Long.class).single();
    }

    /**
     * A node that died while sending leaves its row in SENDING; after the lease it is due again. If that node had
     * already handed the mail to the SMTP server, the retry carries the same Message-ID, so receiving systems
     * can recognise it; this crash window is the only way a mail can be delivered twice.
     */
    private void releaseExpiredLeases() {
        int released = jdbc.sql("""
                        update outbox_mail set status = 'PENDING', locked_until = null
                        where status = 'SENDING' and locked_until < :now""")
                .param("now", now()).update();
        if (released > 0) {
            log.warn("Released {} outbox mail(s) whose sender stopped before finishing", released);
        }
    }

    private int dispatchBatch() {
        List<Long> due = jdbc.sql("""
                        select id from outbox_mail where status = 'PENDING' and next_attempt_at <= :now
                        order by id fetch first %d rows only""".formatted(BATCH))
                .param("now", now()).query(Long.class).list();
        int claimed = 0;
        for (Long id : due) {
            if (claim(id)) {
                claimed++;
                send(id);
            }
        }
        return due.size() == BATCH ? BATCH : claimed;
    }

    private boolean claim(long id) {
        return jdbc.sql("""
                        update outbox_mail set status = 'SENDING', attempts = attempts + 1, locked_until = :leaseEnd
                        where id = :id and status = 'PENDING'""")
                .param("leaseEnd", now().plus(properties.lease()))
                .param("id", id)
                .update() == 1;
    }

    private record Row(long id, String messageId, String recipient, String subject, String textBody, String htmlBody,
                       String listUnsubscribeUrl, String attachmentName, String attachmentType, byte[] attachment,
                       int attempts) {
    }

    private void send(long id) {
        Row row = jdbc.sql("""
                        select id, message_id, recipient, subject, text_body, html_body, list_unsubscribe_url,
                               attachment_name, attachment_type, attachment, attempts
                        from outbox_mail where id = :id""")
                .param("id", id).query(Row.class).single();
        try {
            mailSender.send(toMimeMessage(row));
            jdbc.sql("""
                            update outbox_mail set status = 'SENT', sent_at = :now, locked_until = null, last_error = null
                            where id = :id""")
                    .param("now", now()).param("id", id).update();
            announceSent(id);
        } catch (MailException | MessagingException e) {
            boolean giveUp = row.attempts() >= properties.maxAttempts();
            log.warn("Sending outbox mail {} failed (attempt {}{}): {}", id, row.attempts(),
                    giveUp ? ", giving up" : "", e.getMessage());
            jdbc.sql("""
                            update outbox_mail set status = :status, locked_until = null, last_error = :error,
                                   next_attempt_at = :next
                            where id = :id""")
                    .param("status", giveUp ? "FAILED" : "PENDING")
                    .param("error", abbreviate(String.valueOf(e.getMessage()), 1000))
                    .param("next", now().plus(properties.retryDelay(row.attempts())))
                    .param("id", id)
                    .update();
        }
    }

    /** Tells whoever waits for a request's mails (an erasure's clean-up) that this one has left. */
    private void announceSent(long id) {
        Long requestId = jdbc.sql("select request_id from outbox_mail where id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("request_id", Long.class))).single().orElse(null);
        events.publishEvent(new MailSent(id, requestId));
    }

    private MimeMessage toMimeMessage(Row row) throws MessagingException {
        MimeMessage message = new FixedIdMimeMessage(mailSender.createMimeMessage().getSession(), row.messageId());
        boolean multipart = row.htmlBody() != null || row.attachment() != null;
        MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(row.recipient());
        helper.setSubject(row.subject());
        if (row.htmlBody() != null) {
            helper.setText(row.textBody(), row.htmlBody());
        } else {
            helper.setText(row.textBody());
        }
        if (row.attachment() != null) {
            helper.addAttachment(row.attachmentName(), new ByteArrayResource(row.attachment()), row.attachmentType());
        }
        if (row.listUnsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + row.listUnsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    /** Keeps the Message-ID stored with the row instead of a new one per attempt. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private OffsetDateTime now() {
        return Instant.now(clock).atOffset(ZoneOffset.UTC);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
