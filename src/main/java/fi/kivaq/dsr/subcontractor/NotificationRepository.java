package fi.kivaq.dsr.subcontractor;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code subcontractor_notification}, with the recipient's name, address and language. */
@Repository
class NotificationRepository {

    /** One recipient's notification about one request. */
    record Notification(long id, long requestId, String subcontractorName, String subcontractorEmail, String language,
                        LocalDate disclosedOn, String disclosurePurpose, OffsetDateTime acknowledgedAt,
                        SubcontractorNotifications.Occasion occasion) {
    }

    private static final String SELECT = """
            select n.id, n.request_id, s.name as subcontractor_name, s.email as subcontractor_email, s.language,
                   n.disclosed_on, n.disclosure_purpose, n.acknowledged_at, n.occasion
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

    void markSent(long id) {
        stamp("sent_at", id);
    }

    void markReminded(long id) {
        stamp("reminded_at", id);
    }

    void markEscalated(long id) {
        stamp("escalated_at", id);
    }

    /** Records the confirmation unless one is recorded already; true when this call recorded it. */
    boolean recordAcknowledged(long id, String how) {
        return jdbc.sql("""
                        update subcontractor_notification set acknowledged_at = :now, acknowledged_how = :how
                        where id = :id and acknowledged_at is null""")
                .param("now", now()).param("how", how).param("id", id).update() == 1;
    }

    private void stamp(String column, long id) {
        jdbc.sql("update subcontractor_notification set " + column + " = :now where id = :id")
                .param("now", now()).param("id", id).update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
