package fi.kivaq.dsr.restriction;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff's decisions on restriction requests and their lifting: free text that stays out of the engine. */
@Repository
class RestrictionDecisions {

    static final int MAX_REASONS = 2000;

    record Decision(long requestId, Long contactId, Ground ground, boolean granted, String reasons, String decidedBy,
                    OffsetDateTime decidedAt, OffsetDateTime restrictedAt, String liftReasons,
                    OffsetDateTime liftDecidedAt, OffsetDateTime liftedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RestrictionDecisions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Decision> of(long requestId) {
        return jdbc.sql("""
                        select request_id, contact_id, ground, granted, reasons, decided_by, decided_at, restricted_at,
                            lift_reasons, lift_decided_at, lifted_at
                        from restriction_decision where request_id = :id""")
                .param("id", requestId)
                .query((rs, i) -> new Decision(rs.getLong("request_id"), (Long) rs.getObject("contact_id", Long.class),
                        Ground.valueOf(rs.getString("ground")), rs.getBoolean("granted"), rs.getString("reasons"),
                        rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
                        rs.getObject("restricted_at", OffsetDateTime.class), rs.getString("lift_reasons"),
                        rs.getObject("lift_decided_at", OffsetDateTime.class),
                        rs.getObject("lifted_at", OffsetDateTime.class)))
                .optional();
    }

    /** A new decision replaces one recorded before the task was completed (staff may correct it until then). */
    void record(long requestId, Ground ground, boolean granted, String reasons, String staffUser) {
        jdbc.sql("delete from restriction_decision where request_id = :id").param("id", requestId).update();
        jdbc.sql("""
                        insert into restriction_decision (request_id, ground, granted, reasons, decided_by, decided_at)
                        values (:id, :ground, :granted, :reasons, :by, :now)""")
                .param("id", requestId).param("ground", ground.name()).param("granted", granted)
                .param("reasons", reasons).param("by", staffUser).param("now", now()).update();
    }

    void restricted(long requestId, Long contactId) {
        jdbc.sql("update restriction_decision set contact_id = :contact, restricted_at = :now where request_id = :id")
                .param("contact", contactId).param("now", now()).param("id", requestId).update();
    }

    void liftDecided(long requestId, String reasons, String staffUser) {
        jdbc.sql("""
                        update restriction_decision set lift_reasons = :reasons, lift_decided_by = :by, lift_decided_at = :now
                        where request_id = :id""")
                .param("reasons", reasons).param("by", staffUser).param("now", now()).param("id", requestId).update();
    }

    void lifted(long requestId) {
        jdbc.sql("update restriction_decision set lifted_at = :now where request_id = :id")
                .param("now", now()).param("id", requestId).update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
