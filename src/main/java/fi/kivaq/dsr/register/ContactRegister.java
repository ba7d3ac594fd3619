package fi.kivaq.dsr.register;

import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;

/** The contact register's use cases that other features call: finding a contact and its newsletter consent. */
@Service
public class ContactRegister {

    private final JdbcClient jdbc;
    private final Clock clock;

    ContactRegister(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Long> findContactIdByEmail(String email) {
        return jdbc.sql("select id from contact where email_normalised = :email")
                .param("email", EmailAddresses.normalise(email))
                .query(Long.class).optional();
    }

    public Optional<String> languageOf(long contactId) {
        return jdbc.sql("select language from contact where id = :id").param("id", contactId)
                .query(String.class).optional();
    }

    public Optional<String> emailOf(long contactId) {
        return jdbc.sql("select email from contact where id = :id").param("id", contactId)
                .query(String.class).optional();
    }

    /**
     * Locks the contact's row until the caller's transaction ends, serialising a change (an erasure) with any other
     * change to the same contact (e.g. a rectification at the same moment).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForChange(long contactId) {
        jdbc.sql("select id from contact where id = :id for update").param("id", contactId).query(Long.class).optional();
    }

    /** True when the contact's latest consent event is a consent given. */
    public boolean isSubscribed(long contactId) {
        return jdbc.sql("""
                        select kind from newsletter_consent_event where contact_id = :id
                        order by occurred_at desc, id desc fetch first 1 rows only""")
                .param("id", contactId)
                .query(String.class).optional()
                .map("GIVEN"::equals).orElse(false);
    }

    /**
     * Ends the contact's newsletter consent now. Idempotent: a contact who is not subscribed gets no new event.
     *
     * @return whether a consent was withdrawn
     */
    @Transactional
    public boolean withdrawNewsletterConsent(long contactId, ConsentChannel channel) {
        return withdraw(contactId, channel, null);
    }

    /**
     * Ends the contact's newsletter consent now, at a data-subject request, which the consent history names.
     * Idempotent like {@link #withdrawNewsletterConsent(long, ConsentChannel)}.
     *
     * @return whether a consent was withdrawn
     */
    @Transactional
    public boolean withdrawNewsletterConsent(long contactId, ConsentChannel channel, long requestId) {
        return withdraw(contactId, channel, requestId);
    }

    @Transactional
    public void giveNewsletterConsent(long contactId, ConsentChannel channel) {
        recordConsent(contactId, "GIVEN", channel, null);
    }

    private boolean withdraw(long contactId, ConsentChannel channel, Long requestId) {
        // lock the contact row so that two withdrawals at once record one event
        jdbc.sql("select id from contact where id = :id for update").param("id", contactId).query(Long.class).optional();
        if (!isSubscribed(contactId)) {
            return false;
        }
        recordConsent(contactId, "WITHDRAWN", channel, requestId);
        return true;
    }

    private void recordConsent(long contactId, String kind, ConsentChannel channel, Long requestId) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into newsletter_consent_event (contact_id, kind, occurred_at, channel, request_id)
                        values (:contact, :kind, :now, :channel, :request)""")
                .param("contact", contactId).param("kind", kind).param("now", now).param("channel", channel.name())
                .param("request", requestId, Types.BIGINT)
                .update();
        jdbc.sql("update contact set last_activity_at = :now where id = :id")
                .param("now", now).param("id", contactId).update();
    }
}
