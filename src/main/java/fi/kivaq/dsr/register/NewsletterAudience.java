package fi.kivaq.dsr.register;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fi.kivaq.dsr.shared.EmailAddresses;

/**
 * Who gets the newsletter, asked in this one place: every contact whose newest consent event is a consent given,
 * except an address on the suppression list and a contact whose processing is restricted (GDPR Art. 18). Anything that sends or exports the newsletter's audience asks here,
 * and asks again for each mail just before it goes ({@link #isLive}), so that a withdrawal in between counts.
 */
@Service
public class NewsletterAudience {

    /** One member of the live audience. */
    public record Subscriber(long contactId, String name, String email, String language) {
    }

    // ContactRegister.isSubscribed as a subquery (the newest event wins), and not restricted (GDPR Art. 18(2))
    private static final String LIVE = """
            c.restricted_by_request_id is null
            and (select e.kind from newsletter_consent_event e where e.contact_id = c.id
             order by e.occurred_at desc, e.id desc fetch first 1 rows only) = 'GIVEN'""";

    private final JdbcClient jdbc;
    private final NewsletterSuppression suppression;

    NewsletterAudience(JdbcClient jdbc, NewsletterSuppression suppression) {
        this.jdbc = jdbc;
        this.suppression = suppression;
    }

    /** The live audience now, in contact order. */
    public List<Subscriber> live() {
        Set<String> suppressed = Set.copyOf(jdbc.sql("select address_hash from newsletter_suppression")
                .query(String.class).list());
        return jdbc.sql("select c.id, c.name, c.email, c.language from contact c where " + LIVE + " order by c.id")
                .query((rs, n) -> new Subscriber(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("language")))
                .list().stream()
                .filter(s -> suppressed.isEmpty() || !suppressed.contains(suppression.keyedHash(s.email())))
                .collect(Collectors.toList());
    }

    /** Whether the address still belongs to the live audience: asked for each newsletter mail just before it goes. */
    public boolean isLive(String email) {
        boolean consenting = jdbc.sql("select count(*) from contact c where c.email_normalised = :email and " + LIVE)
                .param("email", EmailAddresses.normalise(email))
                .query(Long.class).single() > 0;
        return consenting && !suppression.isSuppressed(email);
    }
}
