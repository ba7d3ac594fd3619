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

    /**
     * Why staff processed the data. The person is told the dates and purposes of the views of their data in the
     * access copy (CJEU C-579/21), not who viewed it.
     */
    public enum Purpose {
        /** Handling a data-subject request: its page, extract, letter, evidence, a rectification decision. */
        REQUEST_HANDLING,
        /** The customer relationship: the staff view of the contact register. */
        CUSTOMER_RELATIONSHIP,
        /** Keeping the data accurate: a staff member proposing a correction. */
        ACCURACY,
        /** Deleting what is no longer needed (GDPR Art. 5(1)(e)): the retention run and its reviews. */
        RETENTION,
        /** Keeping the system secure: throttled logins. */
        SECURITY
    }

    public enum Action {
        VIEW_REQUEST, VIEW_EXTRACT, VIEW_LETTER_PREVIEW, VIEW_EVIDENCE, ADD_NOTE, RECORD_REFUSAL_REASON,
        VIEW_RECTIFICATION, DECIDE_RECTIFICATION,
        /** A restricted contact's data, seen only through its restriction request (GDPR Art. 18). */
        VIEW_RESTRICTION, DECIDE_RESTRICTION, LIFT_RESTRICTION,
        VIEW_OBJECTION, DECIDE_OBJECTION,
        SEARCH_REGISTER(Purpose.CUSTOMER_RELATIONSHIP), VIEW_CONTACT(Purpose.CUSTOMER_RELATIONSHIP),
        PROPOSE_CORRECTION(Purpose.ACCURACY),
        /** A search of the request list by an address or a name (not by a reference). */
        SEARCH_REQUESTS,
        /** A rectification changed the contact: the actor is the staff member whose decision it carried out. */
        CHANGE_REGISTER,
        /** A register import's dry run, refusal (invalid rows) and application: counts and the file's hash only. */
        IMPORT_DRY_RUN(Purpose.CUSTOMER_RELATIONSHIP), IMPORT_REFUSED(Purpose.CUSTOMER_RELATIONSHIP),
        IMPORT_REGISTER(Purpose.CUSTOMER_RELATIONSHIP),
        /** Staff added or edited a contact by hand: the fields changed, never their values. */
        CREATE_CONTACT(Purpose.CUSTOMER_RELATIONSHIP), EDIT_CONTACT(Purpose.CUSTOMER_RELATIONSHIP),
        /** The register (or a search result) exported as CSV: the number of contacts. */
        EXPORT_REGISTER(Purpose.CUSTOMER_RELATIONSHIP),
        /** Events: one created; an event's attendee list viewed (one row per person shown); an attendee added by
         *  hand (the event and the consent); an attendee list's dry run, refusal and application (counts, hash). */
        CREATE_EVENT(Purpose.CUSTOMER_RELATIONSHIP), VIEW_EVENT(Purpose.CUSTOMER_RELATIONSHIP),
        ADD_ATTENDEE(Purpose.CUSTOMER_RELATIONSHIP), IMPORT_ATTENDEES_DRY_RUN(Purpose.CUSTOMER_RELATIONSHIP),
        IMPORT_ATTENDEES_REFUSED(Purpose.CUSTOMER_RELATIONSHIP), IMPORT_ATTENDEES(Purpose.CUSTOMER_RELATIONSHIP),
        /** An event's name, date or kind corrected (the fields changed); an attendance removed (the event). */
        EDIT_EVENT(Purpose.CUSTOMER_RELATIONSHIP), REMOVE_ATTENDEE(Purpose.CUSTOMER_RELATIONSHIP),
        /** The daily retention run: what it deleted or reduced, counted per category. */
        RETENTION_RUN(Purpose.RETENTION),
        /** A retention review kept the contact: the detail says until when (never the reason, which may name them). */
        KEEP_AT_RETENTION_REVIEW(Purpose.RETENTION),
        /** A retention review erased the contact: the detail is the erasure's reference. */
        ERASE_AT_RETENTION_REVIEW(Purpose.RETENTION),
        /**
         * The recipients of a contact erased at a retention review are being told (Art. 19): the detail is the
         * erasure's reference and how many; who they are is in its subcontractor notifications.
         */
        TELL_RECIPIENTS_AT_REVIEW(Purpose.RETENTION),
        /** A user task was completed, from whatever client (Tasklist, a form, {@code /engine-rest}, our pages). */
        COMPLETE_TASK,
        /** A call to {@code /engine-rest} that could change something, allowed or refused (its status says which). */
        ENGINE_REST_WRITE,
        /** Repeated failed logins: an account or a client address was throttled. */
        LOGIN_THROTTLED(Purpose.SECURITY);

        private final Purpose purpose;

        Action() {
            this(Purpose.REQUEST_HANDLING);
        }

        Action(Purpose purpose) {
            this.purpose = purpose;
        }

        /** The purpose recorded when the caller names none. */
        public Purpose purpose() {
            return purpose;
        }

        /** A consultation of personal data, as opposed to a change or a search. */
        public boolean isView() {
            return name().startsWith("VIEW_");
        }
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
                        insert into audit_log (actor, action, purpose, request_id, reference, detail, occurred_at)
                        values (:actor, :action, :purpose, :request, :reference, :detail, :now)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("purpose", action.purpose().name())
                .param("request", request.id())
                .param("reference", request.reference())
                .param("detail", detail)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** A read of one contact's data in the register, e.g. {@link Action#VIEW_CONTACT}. */
    public void recordForContact(String actor, Action action, long contactId, String detail) {
        recordForContact(actor, action, action.purpose(), contactId, detail);
    }

    /** A read of one contact's data for a purpose other than the action's usual one. */
    public void recordForContact(String actor, Action action, Purpose purpose, long contactId, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, purpose, contact_id, detail, occurred_at)
                        values (:actor, :action, :purpose, :contact, :detail, :now)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("purpose", purpose.name())
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
        recordSearch(actor, Action.SEARCH_REGISTER, resultCount);
    }

    /**
     * A search of the request list by an address or a name, which finds people as the register search does; the
     * term is left out for the same reason.
     */
    public void recordRequestSearch(String actor, int resultCount) {
        recordSearch(actor, Action.SEARCH_REQUESTS, resultCount);
    }

    private void recordSearch(String actor, Action action, int resultCount) {
        jdbc.sql("""
                        insert into audit_log (actor, action, purpose, detail, occurred_at)
                        values (:actor, :action, :purpose, :detail, :now)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("purpose", action.purpose().name())
                .param("detail", resultCount + " results")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Something done to the register as a whole (an import, an export), by a staff member or an operator: the
     * detail holds counts and hashes, never a name or an address.
     */
    public void recordForRegister(String actor, Action action, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, detail, occurred_at)
                        values (:actor, :action, :detail, :now)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("detail", detail)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The register's own entries (imports, exports, searches), newest first. */
    public List<Entry> forRegister(Action action, int limit) {
        return jdbc.sql("""
                        select actor, action, reference, detail, occurred_at from audit_log
                        where action = :action order by occurred_at desc, id desc fetch first %d rows only"""
                        .formatted(limit))
                .param("action", action.name())
                .query(AuditLog::entry)
                .list();
    }

    /** Something the system did that is about no one in particular (e.g. a retention run's counts). */
    public void recordSystem(Action action, String detail) {
        jdbc.sql("""
                        insert into audit_log (actor, action, purpose, detail, occurred_at)
                        values (:actor, :action, :purpose, :detail, :now)""")
                .param("actor", SYSTEM)
                .param("action", action.name())
                .param("purpose", action.purpose().name())
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
