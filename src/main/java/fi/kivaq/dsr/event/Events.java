package fi.kivaq.dsr.event;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.shared.GeneratedKeys;

/** KivaQ's events: creating and correcting one (audited), the list, one event, and the events a contact attended. */
@Service
public class Events {

    static final int MAX_NAME = 200;
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");

    /** An event and how many attended it. */
    public record Event(long id, String name, LocalDate heldOn, EventKind kind, String createdBy,
                        OffsetDateTime createdAt, int attendees) {
    }

    /** One event a contact attended, with the consent given there. */
    public record Attended(long eventId, String name, LocalDate heldOn, EventKind kind, AttendeeConsent consent,
                           String textVersion, OffsetDateTime recordedAt) {
    }

    /** The new-event form's outcome: the event's id, or the problems (field → message key). */
    public record Created(Long id, Map<String, String> problems) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Events(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Created create(String name, String heldOn, String kind, String actor) {
        Map<String, String> problems = new LinkedHashMap<>();
        Fields fields = fields(name, heldOn, kind, problems);
        if (!problems.isEmpty()) {
            return new Created(null, problems);
        }
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into event (name, held_on, kind, created_by, created_at)
                        values (:name, :heldOn, :kind, :actor, :now)""")
                .param("name", fields.name()).param("heldOn", fields.heldOn()).param("kind", fields.kind().name())
                .param("actor", actor).param("now", clock.instant().atOffset(ZoneOffset.UTC)));
        audit.recordForRegister(actor, AuditLog.Action.CREATE_EVENT, "event " + id);
        return new Created(id, Map.of());
    }

    /**
     * Corrects an event's name, date or kind, with the same rules as a new one; audited with the fields changed
     * (an event's name is about the event, not a person, but the trail says only which fields).
     *
     * @return per form field, the message code of what is wrong; empty when saved (or nothing changed)
     */
    @Transactional
    public Map<String, String> update(long id, String name, String heldOn, String kind, String actor) {
        Event before = get(id);
        Map<String, String> problems = new LinkedHashMap<>();
        Fields fields = fields(name, heldOn, kind, problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        List<String> changed = new java.util.ArrayList<>();
        if (!fields.name().equals(before.name())) {
            changed.add("name");
        }
        if (!fields.heldOn().equals(before.heldOn())) {
            changed.add("date");
        }
        if (fields.kind() != before.kind()) {
            changed.add("kind");
        }
        if (changed.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("update event set name = :name, held_on = :heldOn, kind = :kind where id = :id")
                .param("name", fields.name()).param("heldOn", fields.heldOn()).param("kind", fields.kind().name())
                .param("id", id).update();
        audit.recordForRegister(actor, AuditLog.Action.EDIT_EVENT, "event " + id + ": " + String.join(", ", changed));
        return Map.of();
    }

    private record Fields(String name, LocalDate heldOn, EventKind kind) {
    }

    private static Fields fields(String name, String heldOn, String kind, Map<String, String> problems) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || UNPRINTABLE.matcher(n).find()) {
            problems.put("name", "event.error.name");
        }
        LocalDate date = null;
        try {
            date = heldOn == null ? null : LocalDate.parse(heldOn.strip());
        } catch (DateTimeParseException notADate) {
            // reported below
        }
        if (date == null || date.getYear() < 1990 || date.getYear() > 2100) {
            problems.put("heldOn", "event.error.heldOn");
        }
        EventKind k = null;
        try {
            k = kind == null ? null : EventKind.valueOf(kind);
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        if (k == null) {
            problems.put("kind", "event.error.kind");
        }
        return new Fields(n, date, k);
    }

    /** Every event, the latest first. */
    public List<Event> newestFirst() {
        return jdbc.sql("""
                        select e.id, e.name, e.held_on, e.kind, e.created_by, e.created_at,
                            (select count(*) from event_attendance a where a.event_id = e.id) as attendees
                        from event e order by e.held_on desc, e.id desc""")
                .query((rs, n) -> event(rs)).list();
    }

    public Optional<Event> find(long id) {
        return jdbc.sql("""
                        select e.id, e.name, e.held_on, e.kind, e.created_by, e.created_at,
                            (select count(*) from event_attendance a where a.event_id = e.id) as attendees
                        from event e where e.id = :id""")
                .param("id", id).query((rs, n) -> event(rs)).optional();
    }

    Event get(long id) {
        return find(id).orElseThrow(() -> new EventNotFound(id));
    }

    /** The events the contact attended, the latest first. */
    public List<Attended> attendedBy(long contactId) {
        return jdbc.sql("""
                        select e.id, e.name, e.held_on, e.kind, a.consent, a.text_version, a.recorded_at
                        from event_attendance a join event e on e.id = a.event_id
                        where a.contact_id = :contact order by e.held_on desc, e.id desc""")
                .param("contact", contactId)
                .query((rs, n) -> new Attended(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("held_on", LocalDate.class), EventKind.valueOf(rs.getString("kind")),
                        AttendeeConsent.valueOf(rs.getString("consent")), rs.getString("text_version"),
                        rs.getObject("recorded_at", OffsetDateTime.class)))
                .list();
    }

    private static Event event(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Event(rs.getLong("id"), rs.getString("name"), rs.getObject("held_on", LocalDate.class),
                EventKind.valueOf(rs.getString("kind")), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getInt("attendees"));
    }
}
