package fi.kivaq.dsr.event;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.newsletter.ConsentTextVersions;
import fi.kivaq.dsr.register.ConsentProof;
import fi.kivaq.dsr.register.EventContacts;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.Language;

/**
 * An event's attendees: one person added by hand, the same rules for every row of an imported list, and the list
 * itself (each view audited per person shown). The contact is found by its normalised address or added to the
 * register (source {@code EVENT}); a suppressed (erased) address is never added. A consent to the newsletter given at
 * the event is recorded as a newsletter consent (channel {@code EVENT}, the consent text's version and language, the
 * event as the source); an event-only consent gives no newsletter. Recording the same attendee again changes nothing;
 * a newsletter consent given later at the same event upgrades an event-only attendance, never the other way.
 * A contact whose processing is restricted (GDPR Art. 18) is not recorded at all: recording the attendance (and a
 * consent with it) would be processing beyond storage, so nothing about them changes and staff are told why.
 * Staff may remove an attendance recorded by mistake (audited); the newsletter consent given with it, which has its
 * own proof, stays until it is withdrawn as any consent is.
 */
@Service
public class Attendances {

    /** What an attendee (a row) does. */
    public enum Outcome {
        /** A new contact, attending. */
        CREATE,
        /** A contact already in the register, attending (or now also consenting to the newsletter). */
        UPDATE,
        /** Already recorded so. */
        UNCHANGED,
        /** The address was erased on request: never added. */
        SKIP_SUPPRESSED,
        /** The contact's processing is restricted (Art. 18): nothing is recorded, nothing about them changes. */
        SKIP_RESTRICTED
    }

    /** An attendee as typed or imported; blank language is Finnish, blank text version the current one. */
    public record Attendee(String name, String email, String organisation, String language, AttendeeConsent consent,
                           String textVersion) {
    }

    /** An invalid value: the field, a message key and its arguments. */
    public record Problem(String field, String reason, List<String> args) {
    }

    /** An attendee as the event page lists them; a restricted contact shows no data. */
    public record Listed(long contactId, String name, String email, String organisation, boolean restricted,
                         AttendeeConsent consent, String textVersion, OffsetDateTime recordedAt) {
    }

    /** The outcome of the hand-typed form: what it did, or why nothing was saved. */
    public record Added(Outcome outcome, Long contactId, List<Problem> problems) {
    }

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_ORGANISATION = 200;
    /** The intake form's rule for an address, as the register's import has it. */
    private static final Pattern EMAIL =
            Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.[A-Za-z\\p{L}]{2,}$");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");
    private static final Set<String> LANGUAGES = Set.of("fi", "sv", "en");

    private final JdbcClient jdbc;
    private final EventContacts contacts;
    private final ConsentTextVersions consentTexts;
    private final Events events;
    private final AuditLog audit;
    private final Clock clock;

    Attendances(JdbcClient jdbc, EventContacts contacts, ConsentTextVersions consentTexts, Events events,
                AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.consentTexts = consentTexts;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Adds one attendee typed by staff, audited on the contact's trail. */
    @Transactional
    public Added addByHand(long eventId, Attendee typed, String actor) {
        events.get(eventId);
        Attendee attendee = resolved(typed);
        List<Problem> problems = validate(attendee);
        if (!problems.isEmpty()) {
            return new Added(null, null, problems);
        }
        Outcome outcome = record(eventId, attendee, clock.instant());
        if (outcome == Outcome.SKIP_SUPPRESSED || outcome == Outcome.SKIP_RESTRICTED) {
            return new Added(outcome, null, List.of());
        }
        long contactId = contacts.find(attendee.email()).orElseThrow();
        if (outcome != Outcome.UNCHANGED) {
            audit.recordForContact(actor, AuditLog.Action.ADD_ATTENDEE, contactId,
                    "event " + eventId + ", consent " + attendee.consent());
        }
        return new Added(outcome, contactId, List.of());
    }

    /** The event's attendees in the order recorded; each person shown is recorded as viewed. */
    @Transactional
    public List<Listed> attendees(long eventId, String actor) {
        List<Listed> listed = new ArrayList<>();
        jdbc.sql("""
                        select contact_id, consent, text_version, recorded_at from event_attendance
                        where event_id = :event order by recorded_at, id""")
                .param("event", eventId)
                .query((rs, n) -> new Listed(rs.getLong("contact_id"), null, null, null, false,
                        AttendeeConsent.valueOf(rs.getString("consent")), rs.getString("text_version"),
                        rs.getObject("recorded_at", OffsetDateTime.class)))
                .list()
                .forEach(row -> contacts.listed(row.contactId()).ifPresent(c -> {
                    listed.add(new Listed(row.contactId(), c.name(), c.email(), c.organisation(), c.restricted(),
                            row.consent(), row.textVersion(), row.recordedAt()));
                    if (!c.restricted()) {
                        audit.recordForContact(actor, AuditLog.Action.VIEW_EVENT, row.contactId(), "event " + eventId);
                    }
                }));
        return listed;
    }

    /** Blank language: Finnish; newsletter consent without a version: the version shown now in that language. */
    Attendee resolved(Attendee a) {
        String language = a.language() == null || a.language().isBlank() ? "fi"
                : a.language().strip().toLowerCase(Locale.ROOT);
        AttendeeConsent consent = a.consent() == null ? AttendeeConsent.EVENT_ONLY : a.consent();
        String version = null;
        if (consent == AttendeeConsent.EVENT_AND_NEWSLETTER) {
            version = a.textVersion() == null || a.textVersion().isBlank()
                    ? Language.fromCode(language).map(consentTexts::current).orElse(null)
                    : a.textVersion().strip();
        }
        return new Attendee(strip(a.name()), strip(a.email()), strip(a.organisation()), language, consent, version);
    }

    /** The problems of a resolved attendee; none means it can be recorded. */
    List<Problem> validate(Attendee a) {
        List<Problem> problems = new ArrayList<>();
        if (a.name().isEmpty()) {
            problems.add(new Problem("name", "event.attendee.error.nameMissing", List.of()));
        } else if (a.name().length() > MAX_NAME || UNPRINTABLE.matcher(a.name()).find()) {
            problems.add(new Problem("name", "event.attendee.error.name", List.of(String.valueOf(MAX_NAME))));
        }
        if (a.email().isEmpty()) {
            problems.add(new Problem("email", "event.attendee.error.emailMissing", List.of()));
        } else if (a.email().length() > MAX_EMAIL || !EMAIL.matcher(a.email()).matches()
                || UNPRINTABLE.matcher(a.email()).find()) {
            problems.add(new Problem("email", "event.attendee.error.email", List.of(a.email())));
        }
        if (a.organisation().length() > MAX_ORGANISATION || UNPRINTABLE.matcher(a.organisation()).find()) {
            problems.add(new Problem("organisation", "event.attendee.error.organisation",
                    List.of(String.valueOf(MAX_ORGANISATION))));
        }
        boolean language = LANGUAGES.contains(a.language());
        if (!language) {
            problems.add(new Problem("language", "event.attendee.error.language", List.of(a.language())));
        }
        if (a.consent() == AttendeeConsent.EVENT_AND_NEWSLETTER && language
                && !consentTexts.exists(a.textVersion(), Language.fromCode(a.language()).orElseThrow())) {
            problems.add(new Problem("textVersion", "event.attendee.error.textVersion",
                    List.of(String.valueOf(a.textVersion()), a.language())));
        }
        return problems;
    }

    /** What recording a valid, resolved attendee would do now; reads only. */
    Outcome plan(long eventId, Attendee a, Predicate<String> suppressed) {
        if (suppressed.test(EmailAddresses.normalise(a.email()))) {
            return Outcome.SKIP_SUPPRESSED;
        }
        Optional<Long> contact = contacts.find(a.email());
        if (contact.isEmpty()) {
            return Outcome.CREATE;
        }
        if (contacts.listed(contact.get()).map(EventContacts.Listed::restricted).orElse(false)) {
            return Outcome.SKIP_RESTRICTED;
        }
        Optional<AttendeeConsent> recorded = recorded(eventId, contact.get());
        if (recorded.isEmpty() || a.consent() == AttendeeConsent.EVENT_AND_NEWSLETTER
                && recorded.get() == AttendeeConsent.EVENT_ONLY) {
            return Outcome.UPDATE;
        }
        return Outcome.UNCHANGED;
    }

    /** Records a valid, resolved attendee in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome record(long eventId, Attendee a, Instant at) {
        Outcome outcome = plan(eventId, a, contacts::isSuppressed);
        if (outcome == Outcome.SKIP_SUPPRESSED || outcome == Outcome.SKIP_RESTRICTED || outcome == Outcome.UNCHANGED) {
            return outcome;
        }
        long contactId = contacts.findOrAdd(new EventContacts.Attendee(a.name(), a.email(), a.organisation(),
                a.language()), at).contactId();
        var when = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                        update event_attendance set consent = :consent, text_version = :version, recorded_at = :at
                        where event_id = :event and contact_id = :contact""")
                .param("consent", a.consent().name()).param("version", a.textVersion(), java.sql.Types.VARCHAR)
                .param("at", when).param("event", eventId).param("contact", contactId).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into event_attendance (event_id, contact_id, consent, text_version, recorded_at)
                            values (:event, :contact, :consent, :version, :at)""")
                    .param("event", eventId).param("contact", contactId).param("consent", a.consent().name())
                    .param("version", a.textVersion(), java.sql.Types.VARCHAR).param("at", when).update();
        }
        if (a.consent() == AttendeeConsent.EVENT_AND_NEWSLETTER) {
            contacts.giveNewsletterConsent(contactId, new ConsentProof(a.textVersion(), a.language(),
                    "EVENT:" + eventId));
        }
        return outcome;
    }

    /**
     * Removes an attendance recorded by mistake, audited on the contact's trail. Refused for a restricted
     * contact, whose data is only stored while the restriction lasts; the consent given with it stays.
     */
    @Transactional
    public Removal remove(long eventId, long contactId, String actor) {
        events.get(eventId);
        if (recorded(eventId, contactId).isEmpty()) {
            return Removal.NOT_FOUND;
        }
        if (contacts.listed(contactId).map(EventContacts.Listed::restricted).orElse(false)) {
            return Removal.RESTRICTED;
        }
        jdbc.sql("delete from event_attendance where event_id = :event and contact_id = :contact")
                .param("event", eventId).param("contact", contactId).update();
        audit.recordForContact(actor, AuditLog.Action.REMOVE_ATTENDEE, contactId, "event " + eventId);
        return Removal.REMOVED;
    }

    /** What removing an attendance did. */
    public enum Removal {
        REMOVED, NOT_FOUND, RESTRICTED
    }

    private Optional<AttendeeConsent> recorded(long eventId, long contactId) {
        return jdbc.sql("select consent from event_attendance where event_id = :event and contact_id = :contact")
                .param("event", eventId).param("contact", contactId)
                .query((rs, n) -> AttendeeConsent.valueOf(rs.getString("consent"))).optional();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
