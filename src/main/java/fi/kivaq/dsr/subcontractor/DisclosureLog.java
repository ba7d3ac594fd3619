package fi.kivaq.dsr.subcontractor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The disclosure log as other modules may read and add to it: which subcontractors received a contact's data, when
 * and why. A rectification or an erasure tells every recipient found here.
 */
@Repository
public class DisclosureLog {

    public record Entry(String subcontractor, String subcontractorKind, OffsetDateTime disclosedAt, String purpose) {
    }

    private final JdbcClient jdbc;

    DisclosureLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contact's disclosures, newest first. */
    public List<Entry> newestFirst(long contactId) {
        return jdbc.sql("""
                        select s.name, s.kind, d.disclosed_at, d.purpose from disclosure d
                        join subcontractor s on s.id = d.subcontractor_id
                        where d.contact_id = :id order by d.disclosed_at desc, d.id desc""")
                .param("id", contactId)
                .query((rs, i) -> new Entry(rs.getString("name"), rs.getString("kind"),
                        rs.getObject("disclosed_at", OffsetDateTime.class), rs.getString("purpose")))
                .list();
    }

    /** Notes that the subcontractor received the contact's data at that moment, for that purpose. */
    @Transactional
    public void record(long contactId, long subcontractorId, String purpose, Instant at) {
        jdbc.sql("""
                        insert into disclosure (contact_id, subcontractor_id, disclosed_at, purpose)
                        values (:contact, :subcontractor, :at, :purpose)""")
                .param("contact", contactId).param("subcontractor", subcontractorId)
                .param("at", at.atOffset(ZoneOffset.UTC)).param("purpose", purpose).update();
    }
}
