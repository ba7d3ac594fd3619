package fi.kivaq.dsr.register;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * Register entries that arrive with their own history, e.g. the demo run's register: organisations, contacts and
 * consent events keep the dates they have in their source, where the use cases of the running system stamp "now".
 * Checks nothing but the schema's constraints; the source is trusted.
 */
@Service
public class RegisterImport {

    /** A contact as its source has it; {@code organisationId} and {@code role} may be null. */
    public record ImportedContact(String name, String email, Long organisationId, String role, String language,
                                  String source, Instant createdAt, Instant lastActivityAt) {
    }

    private final JdbcClient jdbc;

    RegisterImport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** No contact yet: imports (the demo's) go only into an empty register. */
    public boolean isEmpty() {
        return jdbc.sql("select count(*) from contact").query(Long.class).single() == 0;
    }

    @Transactional
    public long addOrganisation(String name, String kind, Instant createdAt) {
        return GeneratedKeys.insertReturningId(jdbc.sql(
                        "insert into organisation (name, kind, created_at) values (:name, :kind, :at)")
                .param("name", name).param("kind", kind).param("at", createdAt.atOffset(ZoneOffset.UTC)));
    }

    @Transactional
    public long addContact(ImportedContact contact) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into contact (name, email, email_normalised, organisation_id, role, language, source,
                            created_at, last_activity_at)
                        values (:name, :email, :normalised, :org, :role, :language, :source, :created, :active)""")
                .param("name", contact.name())
                .param("email", contact.email())
                .param("normalised", EmailAddresses.normalise(contact.email()))
                .param("org", contact.organisationId())
                .param("role", contact.role())
                .param("language", contact.language())
                .param("source", contact.source())
                .param("created", contact.createdAt().atOffset(ZoneOffset.UTC))
                .param("active", contact.lastActivityAt() == null ? null
                        : contact.lastActivityAt().atOffset(ZoneOffset.UTC)));
    }

    /** A past consent event, given or withdrawn; unlike a consent given now, it leaves the last activity alone. */
    @Transactional
    public void addConsentEvent(long contactId, boolean given, ConsentChannel channel, Instant at) {
        jdbc.sql("""
                        insert into newsletter_consent_event (contact_id, kind, occurred_at, channel)
                        values (:contact, :kind, :at, :channel)""")
                .param("contact", contactId).param("kind", given ? "GIVEN" : "WITHDRAWN")
                .param("at", at.atOffset(ZoneOffset.UTC)).param("channel", channel.name()).update();
    }
}
