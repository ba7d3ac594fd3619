package fi.kivaq.dsr.subcontractor;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.DeadlineCalculator;

/**
 * GDPR Art. 19, as the other modules see it: which recipients in the disclosure log are to be told about a
 * correction, erasure or restriction (and its lifting), and who of them has confirmed. The telling itself (a mail with a single-use link,
 * reminders, staff chasing) is this module's own process: {@code SubcontractorInstructions},
 * {@code NotificationEscalation} and {@code Acknowledgements}.
 */
@Service
public class SubcontractorNotifications {

    /** One recipient as the requester's letter reports it. */
    public record Recipient(String name, Instant acknowledgedAt) {
    }

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    SubcontractorNotifications(JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * One notification per subcontractor in the contact's disclosure log, with what was disclosed, when and why
     * copied from the log (an erasure removes the log entries). Call before the register change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepare(long requestId, long contactId) {
        jdbc.sql("""
                        insert into subcontractor_notification (request_id, subcontractor_id, disclosed_on,
                            disclosure_purpose, created_at)
                        select :request, d.subcontractor_id, cast(min(d.disclosed_at) as date), min(d.purpose), :now
                        from disclosure d where d.contact_id = :contact
                        group by d.subcontractor_id""")
                .param("request", requestId).param("contact", contactId)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /**
     * Why a recipient is told ({@code subcontractor_notification.occasion}): the request itself (a correction, an
     * erasure or a restriction), an erasure decided at a retention review (no request by the person), or the end of
     * a restriction the recipient was told of.
     */
    public enum Occasion {
        REQUEST, RETENTION_REVIEW, RESTRICTION_LIFTED
    }

    /** The erasure is a retention review's: its recipients are told why (no request by the person) in their mail. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markAtRetentionReview(long requestId) {
        jdbc.sql("""
                        update subcontractor_notification set occasion = 'RETENTION_REVIEW'
                        where request_id = :request and occasion = 'REQUEST'""")
                .param("request", requestId).update();
    }

    /**
     * One notification that the restriction is lifted for every recipient told of the restriction (Art. 19), with
     * the same disclosure details. Does nothing the second time.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepareRestrictionLifted(long requestId) {
        jdbc.sql("""
                        insert into subcontractor_notification (request_id, subcontractor_id, disclosed_on,
                            disclosure_purpose, created_at, occasion)
                        select n.request_id, n.subcontractor_id, n.disclosed_on, n.disclosure_purpose, :now,
                            'RESTRICTION_LIFTED'
                        from subcontractor_notification n
                        where n.request_id = :request and n.occasion = 'REQUEST' and not exists (
                            select 1 from subcontractor_notification l where l.request_id = n.request_id
                            and l.subcontractor_id = n.subcontractor_id and l.occasion = 'RESTRICTION_LIFTED')""")
                .param("request", requestId).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /**
     * The notifications of a request's own instruction (a correction, an erasure, a restriction): the collection of
     * the multi-instance call activity.
     */
    public List<Long> idsFor(long requestId) {
        return jdbc.sql("""
                        select id from subcontractor_notification
                        where request_id = :request and occasion <> 'RESTRICTION_LIFTED' order by id""")
                .param("request", requestId).query(Long.class).list();
    }

    /** The notifications that a request's restriction is lifted: the collection of the multi-instance call activity. */
    public List<Long> restrictionLiftedIdsFor(long requestId) {
        return jdbc.sql("""
                        select id from subcontractor_notification
                        where request_id = :request and occasion = 'RESTRICTION_LIFTED' order by id""")
                .param("request", requestId).query(Long.class).list();
    }

    /** Who was told, and who has confirmed, for the requester's letter. */
    public List<Recipient> recipients(long requestId) {
        return jdbc.sql("""
                        select s.name, n.acknowledged_at from subcontractor_notification n
                        join subcontractor s on s.id = n.subcontractor_id
                        where n.request_id = :request and n.occasion <> 'RESTRICTION_LIFTED' order by s.name""")
                .param("request", requestId)
                .query((rs, row) -> {
                    OffsetDateTime at = rs.getObject("acknowledged_at", OffsetDateTime.class);
                    return new Recipient(rs.getString("name"), at == null ? null : at.toInstant());
                }).list();
    }

    /**
     * The letter's lines about the recipients, in the requester's language: each name with the date it confirmed,
     * or that its confirmation is awaited. {@code messagePrefix} picks the wording ({@code erasure} or
     * {@code rectification}: message keys {@code <prefix>.recipient.confirmed} and {@code <prefix>.recipient.pending}).
     */
    public List<String> recipientLines(long requestId, String messagePrefix, Locale locale) {
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(messages.getMessage("erasure.dateFormat", null, locale),
                locale);
        return recipients(requestId).stream()
                .map(recipient -> recipient.acknowledgedAt() == null
                        ? messages.getMessage(messagePrefix + ".recipient.pending", new Object[] {recipient.name()}, locale)
                        : messages.getMessage(messagePrefix + ".recipient.confirmed", new Object[] {recipient.name(),
                        dates.format(recipient.acknowledgedAt().atZone(DeadlineCalculator.HELSINKI))}, locale))
                .toList();
    }
}
