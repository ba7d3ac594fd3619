package fi.kivaq.dsr.register;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * Adding a person to the newsletter, by sign-up or import: the one way into the subscriber list, and it refuses
 * every address on the suppression list.
 */
@Service
public class NewsletterSignUp {

    private static final Logger log = LoggerFactory.getLogger(NewsletterSignUp.class);

    public enum Outcome { SUBSCRIBED, ALREADY_SUBSCRIBED, SUPPRESSED }

    private final JdbcClient jdbc;
    private final ContactRegister register;
    private final NewsletterSuppression suppression;
    private final Clock clock;

    NewsletterSignUp(JdbcClient jdbc, ContactRegister register, NewsletterSuppression suppression, Clock clock) {
        this.jdbc = jdbc;
        this.register = register;
        this.suppression = suppression;
        this.clock = clock;
    }

    @Transactional
    public Outcome signUp(String name, String email, String language, ConsentChannel channel) {
        return signUp(name, email, language, channel, null);
    }

    /**
     * A sign-up with what the person consented to: the confirmation of a double opt-in records the consent text's
     * version, language and source with the consent. An existing contact keeps its name and language.
     */
    @Transactional
    public Outcome signUp(String name, String email, String language, ConsentChannel channel, ConsentProof proof) {
        if (suppression.isSuppressed(email)) {
            log.info("Newsletter sign-up refused: the address was erased on request and is suppressed");
            return Outcome.SUPPRESSED;
        }
        Optional<Long> existing = register.findContactIdByEmail(email);
        if (existing.isPresent() && register.isSubscribed(existing.get())) {
            return Outcome.ALREADY_SUBSCRIBED;
        }
        long contact = existing.orElseGet(() -> GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into contact (name, email, email_normalised, language, source, created_at)
                        values (:name, :email, :normalised, :language, :source, :now)""")
                .param("name", name == null || name.isBlank() ? "" : name.strip()).param("email", email.strip())
                .param("normalised", EmailAddresses.normalise(email)).param("language", language)
                .param("source", channel == ConsentChannel.EVENT ? "EVENT" : "CONTACT_FORM")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))));
        register.giveNewsletterConsent(contact, channel, proof);
        return Outcome.SUBSCRIBED;
    }
}
