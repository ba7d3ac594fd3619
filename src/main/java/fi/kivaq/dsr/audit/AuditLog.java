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
        /** The daily retention run: what it deleted or reduced, counted per category. */
        RETENTION_RUN,
        /** A retention review kept the contact: the detail says until when (never the reason, which may name them). */
        KEEP_AT_RETENTION_REVIEW,
        /** A retention review erased the contact: the detail is the erasure's reference. */
        ERASE_AT_RETENTION_REVIEW
    }

    /** The actor of what the system does by itself (e.g. the retention run). */
    public static final String SYSTEM = "system";

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

    /** Something the system did that is about no one in particular (e.g. a retention run's counts). */
    public void recordSystem(Action action, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, detail, occurred_at)
                        values (:actor, :action, :detail, :now)""")
                .param("actor", SYSTEM)
                .param("action", action.name())
                .param("detail", detail.length() > 500 ? detail.substring(0, 500) : detail)
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
