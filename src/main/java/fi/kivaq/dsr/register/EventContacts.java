package fi.kivaq.dsr.register;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * The register's side of an event's attendees (the {@code event} module keeps the attendance itself): the contact
 * found by its normalised address or added with the source {@code EVENT}, the attendance counted as the contact's
 * activity (the retention review counts from it), and a newsletter consent given at the event recorded with its
 * proof, the same way the sign-up's confirmation records one. Suppressed (erased) addresses are never added.
 */
@Service
public class EventContacts {

    /** An attendee as the event's sign-up list has them; organisation may be blank, language one of fi, sv, en. */
    public record Attendee(String name, String email, String organisation, String language) {
    }

    /** A contact as an attendee list shows it. */
    public record Listed(long id, String name, String email, String organisation, boolean restricted) {
    }

    private final JdbcClient jdbc;
    private final ContactRegister register;
    private final NewsletterSuppression suppression;
    private final Clock clock;

    EventContacts(JdbcClient jdbc, ContactRegister register, NewsletterSuppression suppression, Clock clock) {
        this.jdbc = jdbc;
        this.register = register;
        this.suppression = suppression;
        this.clock = clock;
    }

    public Optional<Long> find(String email) {
        return register.findContactIdByEmail(email);
    }

    public boolean isSuppressed(String email) {
        return suppression.isSuppressed(email);
    }

    /** The suppression list now, for a whole file at once. */
    public Predicate<String> suppressed() {
        return suppression.snapshot();
    }

    /**
     * The attendee's contact: the one with the address, whose fields stay as the register has them, or a new one
     * (source {@code EVENT}). Either way the attendance at {@code at} is activity. Refuses a suppressed address.
     *
     * @return the contact's id, and whether it was added now
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Found findOrAdd(Attendee attendee, Instant at) {
        if (suppression.isSuppressed(attendee.email())) {
            throw new IllegalArgumentException("a suppressed address is never added to the register");
        }
        Optional<Long> existing = register.findContactIdByEmail(attendee.email());
        var when = at.atOffset(ZoneOffset.UTC);
        if (existing.isPresent()) {
            jdbc.sql("""
                            update contact set last_activity_at = :at
                            where id = :id and (last_activity_at is null or last_activity_at < :at)""")
                    .param("at", when).param("id", existing.get()).update();
            return new Found(existing.get(), false);
        }
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into contact (name, email, email_normalised, organisation_id, language, source,
                            created_at, last_activity_at)
                        values (:name, :email, :normalised, :org, :language, 'EVENT', :now, :at)""")
                .param("name", attendee.name().strip()).param("email", attendee.email().strip())
                .param("normalised", EmailAddresses.normalise(attendee.email()))
                .param("org", organisationId(attendee.organisation()), Types.BIGINT)
                .param("language", attendee.language())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("at", when));
        return new Found(id, true);
    }

    /** @param added whether the contact was added by this attendance */
    public record Found(long contactId, boolean added) {
    }

    /**
     * A newsletter consent given at the event (channel {@code EVENT}), with the consent text's version and language
     * and the event as its source. A contact whose consent is live already gets no second event.
     *
     * @return whether a consent was recorded
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean giveNewsletterConsent(long contactId, ConsentProof proof) {
        if (register.isSubscribed(contactId)) {
            return false;
        }
        register.giveNewsletterConsent(contactId, ConsentChannel.EVENT, proof);
        return true;
    }

    /** The contact for an attendee list; a restricted contact (Art. 18) shows no data. */
    public Optional<Listed> listed(long contactId) {
        return jdbc.sql("""
                        select c.id, c.name, c.email, o.name as org, c.restricted_by_request_id
                        from contact c left join organisation o on o.id = c.organisation_id where c.id = :id""")
                .param("id", contactId)
                .query((rs, n) -> rs.getObject("restricted_by_request_id") != null
                        ? new Listed(rs.getLong("id"), null, null, null, true)
                        : new Listed(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                                rs.getString("org"), false))
                .optional();
    }

    /** The organisation of that name (any letter case), added if there is none; null for a blank name. */
    private Long organisationId(String organisation) {
        if (organisation == null || organisation.isBlank()) {
            return null;
        }
        String name = organisation.strip();
        return jdbc.sql("select id from organisation where lower(name) = :name order by id fetch first 1 rows only")
                .param("name", name.toLowerCase(Locale.ROOT)).query(Long.class).optional()
                .orElseGet(() -> GeneratedKeys.insertReturningId(jdbc.sql("""
                                insert into organisation (name, kind, created_at) values (:name, 'OTHER', :now)""")
                        .param("name", name).param("now", clock.instant().atOffset(ZoneOffset.UTC))));
    }
}
