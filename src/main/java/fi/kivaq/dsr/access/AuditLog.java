package fi.kivaq.dsr.access;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fi.kivaq.dsr.request.DsrRequest;

/** Who read whose personal data, when: one row per view of an extract, a letter preview or evidence. */
@Service
public class AuditLog {

    public enum Action {
        VIEW_EXTRACT, VIEW_LETTER_PREVIEW, VIEW_EVIDENCE, ADD_NOTE, RECORD_REFUSAL_REASON,
        VIEW_RECTIFICATION, DECIDE_RECTIFICATION
    }

    public record Entry(String actor, String action, String reference, String detail, java.time.OffsetDateTime occurredAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, Action action, DsrRequest request, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, request_id, reference, detail, occurred_at)
                        values (:actor, :action, :request, :reference, :detail, :now)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("request", request.id())
                .param("reference", request.reference())
                .param("detail", detail)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    public List<Entry> forRequest(long requestId) {
        return jdbc.sql("""
                        select actor, action, reference, detail, occurred_at from audit_log
                        where request_id = :id order by occurred_at, id""")
                .param("id", requestId)
                .query((rs, i) -> new Entry(rs.getString("actor"), rs.getString("action"), rs.getString("reference"),
                        rs.getString("detail"), rs.getObject("occurred_at", java.time.OffsetDateTime.class)))
                .list();
    }
}
