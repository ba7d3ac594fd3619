package fi.kivaq.dsr.objection;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff's decisions on objections on legitimate interests: free text that stays out of the engine. */
@Repository
class ObjectionDecisions {

    static final int MAX_REASONS = 2000;

    /** @param compellingGrounds true: the processing continues (objection not upheld) */
    record Decision(boolean compellingGrounds, String reasons, String decidedBy, OffsetDateTime decidedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ObjectionDecisions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Decision> of(long requestId) {
        return jdbc.sql("select compelling_grounds, reasons, decided_by, decided_at from objection_decision where request_id = :id")
                .param("id", requestId)
                .query((rs, i) -> new Decision(rs.getBoolean("compelling_grounds"), rs.getString("reasons"),
                        rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class)))
                .optional();
    }

    void record(long requestId, boolean compellingGrounds, String reasons, String staffUser) {
        jdbc.sql("delete from objection_decision where request_id = :id").param("id", requestId).update();
        jdbc.sql("""
                        insert into objection_decision (request_id, compelling_grounds, reasons, decided_by, decided_at)
                        values (:id, :grounds, :reasons, :by, :now)""")
                .param("id", requestId).param("grounds", compellingGrounds).param("reasons", reasons)
                .param("by", staffUser).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }
}
