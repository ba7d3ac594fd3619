package fi.kivaq.dsr.register;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.SecretTokens;

/**
 * One-click unsubscribe links (RFC 8058). Each newsletter mail gets its own unguessable token; only its hash is
 * stored, and every link of a contact stays valid until the contact is erased.
 */
@Service
public class NewsletterLinks {

    private final JdbcClient jdbc;
    private final DsrProperties properties;
    private final Clock clock;

    NewsletterLinks(JdbcClient jdbc, DsrProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public String newUnsubscribeUrl(long contactId) {
        String token = SecretTokens.newToken();
        jdbc.sql("insert into unsubscribe_link (token_hash, contact_id, created_at) values (:hash, :contact, :now)")
                .param("hash", SecretTokens.hash(token))
                .param("contact", contactId)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return properties.publicUrl("/unsubscribe/" + token);
    }

    public Optional<Long> contactFor(String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select contact_id from unsubscribe_link where token_hash = :hash")
                .param("hash", SecretTokens.hash(token))
                .query(Long.class).optional();
    }
}
