package fi.kivaq.dsr.subcontractor;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The disclosure log as other modules may read it: which subcontractors received a contact's data, when and why. */
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
}
