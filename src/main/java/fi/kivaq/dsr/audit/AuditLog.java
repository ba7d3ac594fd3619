package fi.kivaq.dsr.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fi.kivaq.dsr.request.DsrRequest;

/**
 * Who read whose personal data, when: one row per view of an extract, a letter preview or evidence, and per search
 * of the contact register or view of one contact. Rows never hold personal data themselves: a register search
 * keeps the number of results, not the term searched for.
 */
@Service
public class AuditLog {

    public enum Action {
        VIEW_EXTRACT, VIEW_LETTER_PREVIEW, VIEW_EVIDENCE, ADD_NOTE, RECORD_REFUSAL_REASON,
        VIEW_RECTIFICATION, DECIDE_RECTIFICATION,
        SEARCH_REGISTER, VIEW_CONTACT, PROPOSE_CORRECTION,
        /** A rectification changed the contact: the actor is the staff member whose decision it carried out. */
        CHANGE_REGISTER,
        /** A user task was completed, from whatever client (Tasklist, a form, {@code /engine-rest}, our pages). */
        COMPLETE_TASK,
        /** A call to {@code /engine-rest} that could change something, allowed or refused (its status says which). */
        ENGINE_REST_WRITE,
        /** Repeated failed logins: an account or a client address was throttled. */
        LOGIN_THROTTLED
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

    /** A read of one contact's data in the register, e.g. {@link Action#VIEW_CONTACT}. */
    public void recordForContact(String actor, Action action, long contactId, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, contact_id, detail, occurred_at)
                        values (:actor, :action, :contact, :detail, :now)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("contact", contactId)
                .param("detail", detail)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * What someone did through or in the engine: the business key (a request's reference, or null) and ids of tasks
     * and process instances, never variables or bodies (they could hold personal data).
     */
    public void recordEngine(String actor, Action action, String reference, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, reference, detail, occurred_at)
                        values (:actor, :action, :reference, :detail, :now)""")
                .param("actor", clip(actor == null ? "unknown" : actor, 100))
                .param("action", action.name())
                .param("reference", reference != null && reference.length() <= 20 ? reference : null)
                .param("detail", clip(detail, 500))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /**
     * A search of the contact register. Deliberately takes no search term: it is personal data (a name, an address)
     * that an erasure could not find and remove from here.
     */
    public void recordRegisterSearch(String actor, int resultCount) {
        jdbc.sql("""
                        insert into audit_log (actor, action, detail, occurred_at)
                        values (:actor, :action, :detail, :now)""")
                .param("actor", actor)
                .param("action", Action.SEARCH_REGISTER.name())
                .param("detail", resultCount + " results")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The contact's audit trail, newest first; still there after the contact itself was erased. */
    public List<Entry> forContact(long contactId) {
        return jdbc.sql("""
                        select actor, action, reference, detail, occurred_at from audit_log
                        where contact_id = :id order by occurred_at desc, id desc""")
                .param("id", contactId)
                .query(AuditLog::entry)
                .list();
    }

    public List<Entry> forRequest(long requestId) {
        return jdbc.sql("""
                        select actor, action, reference, detail, occurred_at from audit_log
                        where request_id = :id order by occurred_at, id""")
                .param("id", requestId)
                .query(AuditLog::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("actor"), rs.getString("action"), rs.getString("reference"),
                rs.getString("detail"), rs.getObject("occurred_at", java.time.OffsetDateTime.class));
    }
}
