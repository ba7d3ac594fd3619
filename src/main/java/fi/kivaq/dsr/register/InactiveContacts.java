package fi.kivaq.dsr.register;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Contacts whom nothing has kept active (Art. 5(1)(e)): no order, event or staff edit recorded as activity, no
 * newsletter consent event, since a moment; a contact whose newsletter consent is live is always active. Requests are
 * the request module's to know: the retention review asks it separately.
 */
@Service
public class InactiveContacts {

    /** A contact as a retention review shows it. */
    public record Summary(long id, String name, String email, String organisation, String role,
                          OffsetDateTime lastActivity) {
    }

    private static final String LAST_ACTIVITY = """
            greatest(coalesce(c.last_activity_at, c.created_at),
                     coalesce((select max(e.occurred_at) from newsletter_consent_event e where e.contact_id = c.id),
                              c.created_at))""";

    private final JdbcClient jdbc;

    InactiveContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Contacts without activity since {@code cutOff} and without a live newsletter consent. */
    public List<Long> inactiveSince(Instant cutOff) {
        return jdbc.sql("select c.id from contact c where " + LAST_ACTIVITY + " < :cut and " + """
                        coalesce((select e.kind from newsletter_consent_event e where e.contact_id = c.id
                                  order by e.occurred_at desc, e.id desc fetch first 1 rows only), 'NONE') <> 'GIVEN'
                        order by c.id""")
                .param("cut", cutOff.atOffset(ZoneOffset.UTC))
                .query(Long.class).list();
    }

    public Optional<Summary> summary(long contactId) {
        return jdbc.sql("select c.id, c.name, c.email, c.role, o.name as org, " + LAST_ACTIVITY + """
                         as last_activity from contact c left join organisation o on o.id = c.organisation_id
                        where c.id = :id""")
                .param("id", contactId)
                .query((rs, i) -> new Summary(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("org"), rs.getString("role"),
                        rs.getObject("last_activity", OffsetDateTime.class)))
                .optional();
    }
}
