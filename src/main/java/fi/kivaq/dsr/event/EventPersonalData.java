package fi.kivaq.dsr.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The events' personal data: who attended which event, with the consent given there. The event itself (name, date,
 * kind) names no one. The attendance refers to the contact, so this owner erases before the register.
 */
@Component
class EventPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;
    private final EventRetention retention;

    EventPersonalData(JdbcClient jdbc, EventRetention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                // created_by: the staff member's user name, as in the other tables staff write
                Table.named("event").notPersonal("id", "name", "held_on", "kind", "created_by", "created_at"),
                // relates to a person only through contact_id (the register's contact, erased with it)
                Table.named("event_attendance")
                        .notPersonal("id", "event_id", "contact_id", "consent", "text_version", "recorded_at"));
    }

    /** The events the person attended, with the consent given at each (Art. 15(1)(g): the source too). */
    @Override
    public void describe(Person person, AccessCopy copy) {
        if (person.contactId() == null) {
            return;
        }
        copy.eventsAttended(jdbc.sql("""
                        select e.name, e.held_on, e.kind, a.consent, a.text_version, a.recorded_at
                        from event_attendance a join event e on e.id = a.event_id
                        where a.contact_id = :contact order by e.held_on, e.id""")
                .param("contact", person.contactId())
                .query((rs, n) -> new AccessExtract.EventAttended(rs.getString("name"),
                        rs.getObject("held_on", LocalDate.class), rs.getString("kind"), rs.getString("consent"),
                        rs.getString("text_version"), rs.getObject("recorded_at", OffsetDateTime.class)
                        .atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate()))
                .list());
    }

    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        erasure.person().contact().ifPresent(contact -> jdbc.sql(
                "delete from event_attendance where contact_id = :contact").param("contact", contact).update());
        return Optional.empty();
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("event attendance (which event, the consent given there)",
                "dsr.retention.event-attendances (3 years) after it was recorded, then deleted; recording it counted "
                        + "as the contact's activity for the retention review; or until erasure"));
    }

    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("event attendances deleted", jdbc.sql(
                        "delete from event_attendance where recorded_at < :cut")
                .param("cut", due.cutOff(retention.eventAttendances()).atOffset(java.time.ZoneOffset.UTC))
                .update());
    }
}
