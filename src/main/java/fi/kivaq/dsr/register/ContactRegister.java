package fi.kivaq.dsr.register;

import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;

/**
 * The contact register's use cases that other features call: finding a contact, its newsletter consent, and a
 * correction of its fields.
 */
@Service
public class ContactRegister {

    /** One field's change: the value the decision was made on, and the value to write. */
    public record Change(String expected, String newValue) {
    }

    /** How a correction ended: written, refused because the register changed meanwhile, or no contact any more. */
    public enum CorrectionOutcome {
        APPLIED,
        CONFLICT,
        GONE
    }

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

    /** The current value of every field a correction may change, or empty when the contact does not exist. */
    public Optional<Map<ContactField, String>> correctableValues(long contactId) {
        return jdbc.sql("select name, email, role, language from contact where id = :id")
                .param("id", contactId)
                .query((rs, n) -> correctable(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("language")))
                .optional();
    }

    /**
     * Writes the changes only if every changed field still has the value the caller decided on (compare-and-set),
     * holding the contact's row lock until the caller's transaction ends, so that an erasure or another correction
     * of the same contact either waits or has already happened. A new address that another contact uses is a
     * conflict too (addresses are unique). When the address changes, the contact's one-click unsubscribe links go:
     * they were mailed to the old address and must no longer act on this contact. Nothing is written unless the
     * outcome is {@link CorrectionOutcome#APPLIED}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CorrectionOutcome correct(long contactId, Map<ContactField, Change> changes) {
        Optional<Map<ContactField, String>> locked = jdbc.sql("""
                        select name, email, role, language from contact where id = :id for update""")
                .param("id", contactId)
                .query((rs, n) -> correctable(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("language")))
                .optional();
        if (locked.isEmpty()) {
            return CorrectionOutcome.GONE;
        }
        Map<ContactField, String> current = locked.get();
        boolean stale = changes.entrySet().stream()
                .anyMatch(c -> !Objects.equals(current.get(c.getKey()), c.getValue().expected()));
        Change email = changes.get(ContactField.EMAIL);
        if (stale || email != null && findContactIdByEmail(email.newValue()).filter(other -> other != contactId)
                .isPresent()) {
            return CorrectionOutcome.CONFLICT;
        }
        changes.forEach((field, change) -> jdbc.sql("update contact set " + field.column() + " = :value where id = :id")
                .param("value", change.newValue()).param("id", contactId).update());
        // a staff edit is activity: the retention review counts from it
        jdbc.sql("update contact set last_activity_at = :now where id = :id")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", contactId).update();
        if (email != null) {
            jdbc.sql("update contact set email_normalised = :n where id = :id")
                    .param("n", EmailAddresses.normalise(email.newValue())).param("id", contactId).update();
            jdbc.sql("delete from unsubscribe_link where contact_id = :id").param("id", contactId).update();
        }
        return CorrectionOutcome.APPLIED;
    }

    /**
     * Marks the contact restricted by the restriction request (GDPR Art. 18(2)): kept, out of the newsletter's
     * audience and out of the staff's register pages, until {@link #liftRestriction} with the same request.
     *
     * @return false when there is no such contact (any more)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean restrict(long contactId, long restrictionRequestId) {
        return jdbc.sql("update contact set restricted_by_request_id = :request where id = :id")
                .param("request", restrictionRequestId).param("id", contactId).update() == 1;
    }

    /** Ends the restriction that the request made; one made by another request stays. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void liftRestriction(long contactId, long restrictionRequestId) {
        jdbc.sql("update contact set restricted_by_request_id = null where id = :id and restricted_by_request_id = :request")
                .param("request", restrictionRequestId).param("id", contactId).update();
    }

    /** The restriction request that restricts the contact, if one does. */
    public Optional<Long> restrictedBy(long contactId) {
        return jdbc.sql("select restricted_by_request_id from contact where id = :id and restricted_by_request_id is not null")
                .param("id", contactId).query(Long.class).optional();
    }

    /**
     * Records that an upheld objection (GDPR Art. 21(1)) stopped these uses of the contact's data: from then on every
     * place doing that processing skips the contact ({@link ObjectedUse}). Idempotent; a use already stopped keeps
     * the objection that stopped it first.
     *
     * @return false when there is no such contact (any more)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean stopUse(long contactId, java.util.Set<ObjectedUse> uses, long objectionRequestId) {
        if (jdbc.sql("select id from contact where id = :id for update").param("id", contactId).query(Long.class)
                .optional().isEmpty()) {
            return false;
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        for (ObjectedUse use : uses) {
            jdbc.sql("""
                            insert into contact_objection (contact_id, objected_use, request_id, upheld_at)
                            select :id, :use, :request, :now from contact c where c.id = :id and not exists
                                (select 1 from contact_objection o where o.contact_id = :id and o.objected_use = :use)""")
                    .param("id", contactId).param("use", use.name()).param("request", objectionRequestId)
                    .param("now", now).update();
        }
        return true;
    }

    /** The objection request that stopped this use of the contact's data, if one did. */
    public Optional<Long> useStoppedBy(long contactId, ObjectedUse use) {
        return jdbc.sql("select request_id from contact_objection where contact_id = :id and objected_use = :use")
                .param("id", contactId).param("use", use.name()).query(Long.class).optional();
    }

    /** SQL for "the contact {@code alias} has no upheld objection to {@code use}", for the places that skip it. */
    static String notObjectedTo(String alias, ObjectedUse use) {
        return "not exists (select 1 from contact_objection co where co.contact_id = " + alias
                + ".id and co.objected_use = '" + use.name() + "')";
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
        recordConsent(contactId, "GIVEN", channel, null, null);
    }

    /** A consent given together with what the person consented to (Art. 7(1)). */
    @Transactional
    public void giveNewsletterConsent(long contactId, ConsentChannel channel, ConsentProof proof) {
        recordConsent(contactId, "GIVEN", channel, null, proof);
    }

    private boolean withdraw(long contactId, ConsentChannel channel, Long requestId) {
        // lock the contact row so that two withdrawals at once record one event
        jdbc.sql("select id from contact where id = :id for update").param("id", contactId).query(Long.class).optional();
        if (!isSubscribed(contactId)) {
            return false;
        }
        recordConsent(contactId, "WITHDRAWN", channel, requestId, null);
        return true;
    }

    private void recordConsent(long contactId, String kind, ConsentChannel channel, Long requestId,
                               ConsentProof proof) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into newsletter_consent_event (contact_id, kind, occurred_at, channel, request_id,
                            text_version, consent_language, consent_source)
                        values (:contact, :kind, :now, :channel, :request, :version, :language, :source)""")
                .param("contact", contactId).param("kind", kind).param("now", now).param("channel", channel.name())
                .param("request", requestId, Types.BIGINT)
                .param("version", proof == null ? null : proof.textVersion(), Types.VARCHAR)
                .param("language", proof == null ? null : proof.language(), Types.VARCHAR)
                .param("source", proof == null ? null : proof.source(), Types.VARCHAR)
                .update();
        jdbc.sql("update contact set last_activity_at = :now where id = :id")
                .param("now", now).param("id", contactId).update();
    }

    private static Map<ContactField, String> correctable(String name, String email, String role, String language) {
        Map<ContactField, String> values = new EnumMap<>(ContactField.class);
        values.put(ContactField.NAME, name);
        values.put(ContactField.EMAIL, email);
        values.put(ContactField.ROLE, role);
        values.put(ContactField.LANGUAGE, language);
        return values;
    }
}
