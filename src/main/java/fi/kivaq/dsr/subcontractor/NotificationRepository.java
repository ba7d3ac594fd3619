package fi.kivaq.dsr.subcontractor;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code subcontractor_notification}, with the recipient's name, address and language. */
@Repository
class NotificationRepository {

    /** One recipient's notification about one request. */
    record Notification(long id, long requestId, String subcontractorName, String subcontractorEmail, String language,
                        LocalDate disclosedOn, String disclosurePurpose, OffsetDateTime acknowledgedAt,
                        SubcontractorNotifications.Occasion occasion, OffsetDateTime supersededAt) {
    }

    private static final String SELECT = """
            select n.id, n.request_id, s.name as subcontractor_name, s.email as subcontractor_email, s.language,
                   n.disclosed_on, n.disclosure_purpose, n.acknowledged_at, n.occasion, n.superseded_at
            from subcontractor_notification n join subcontractor s on s.id = n.subcontractor_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Notification> findById(long id) {
        return jdbc.sql(SELECT + " where n.id = :id").param("id", id).query(Notification.class).optional();
    }

    Notification get(long id) {
        return findById(id).orElseThrow(() -> new NotificationNotFound(id));
    }

    /**
     * Marks the notification sent unless it was superseded (under its row lock, so a supersession waits for this
     * transaction and then finds the process waiting); false when superseded: nothing is to be sent.
     */
    boolean markSentUnlessSuperseded(long id) {
        return jdbc.sql("update subcontractor_notification set sent_at = :now where id = :id and superseded_at is null")
                .param("now", now()).param("id", id).update() == 1;
    }

    /** Marks the notification reminded unless it was confirmed or superseded meanwhile; false: no reminder is due. */
    boolean markRemindedIfOpen(long id) {
        return jdbc.sql("""
                        update subcontractor_notification set reminded_at = :now
                        where id = :id and acknowledged_at is null and superseded_at is null""")
                .param("now", now()).param("id", id).update() == 1;
    }

    /**
     * Closes as superseded the same recipient's unconfirmed notice of the restriction that the lift notice
     * {@code liftNotificationId} ends; the ids it closed (none when the recipient had confirmed).
     */
    List<Long> supersedeRestrictionNotice(long liftNotificationId) {
        List<Long> open = jdbc.sql("""
                        select r.id from subcontractor_notification r
                        join subcontractor_notification l on l.request_id = r.request_id
                            and l.subcontractor_id = r.subcontractor_id
                        where l.id = :lift and l.occasion = 'RESTRICTION_LIFTED' and r.occasion = 'REQUEST'
                            and r.acknowledged_at is null and r.superseded_at is null""")
                .param("lift", liftNotificationId).query(Long.class).list();
        return open.stream().filter(id -> jdbc.sql("""
                        update subcontractor_notification set superseded_at = :now
                        where id = :id and acknowledged_at is null and superseded_at is null""")
                .param("now", now()).param("id", id).update() == 1).toList();
    }

    /** Marks the notification handed over to staff unless it was superseded; false: there is nothing to chase. */
    boolean markEscalatedUnlessSuperseded(long id) {
        return jdbc.sql("update subcontractor_notification set escalated_at = :now where id = :id and superseded_at is null")
                .param("now", now()).param("id", id).update() == 1;
    }

    /** Records the confirmation unless one is recorded already; true when this call recorded it. */
    boolean recordAcknowledged(long id, String how) {
        return jdbc.sql("""
                        update subcontractor_notification set acknowledged_at = :now, acknowledged_how = :how
                        where id = :id and acknowledged_at is null""")
                .param("now", now()).param("how", how).param("id", id).update() == 1;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
