package fi.kivaq.dsr.event;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.erasure.Erasure;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.InactiveContacts;
import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.PersonalDataOwner;
import fi.kivaq.dsr.shared.RetentionPolicy;
import fi.kivaq.dsr.support.DatabaseScan;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events and their attendees end to end (H2, then PostgreSQL): staff create an event and add an attendee by hand over
 * HTTP; an attendee list's dry run and its application twice (the second changes nothing), a suppressed address
 * skipped however it is spelled, invalid rows with their line numbers; a newsletter consent recorded only for
 * "event and newsletter", with its text version, channel and the event as source; the contact page and the access
 * copy list the event; an erasure leaves nothing of the attendee; retention deletes old attendances; an attendance
 * is activity; no page without a login.
 */
class EventAttendeesTest extends IntegrationTest {

    static final String STAFF = "events-staff";
    static final String PASSWORD = "s3cret-events-staff";
    /** The consent text version of V18, the current one in every language. */
    static final String VERSION = "2026-11-26";

    @Autowired
    StaffUsers users;
    @Autowired
    ContactRegister contacts;
    @Autowired
    NewsletterSuppression suppression;
    @Autowired
    TestRegister register;
    @Autowired
    Events events;
    @Autowired
    Attendances attendances;
    @Autowired
    AttendeeImport attendeeImport;
    @Autowired
    List<PersonalDataOwner> owners;
    @Autowired
    EventPersonalData eventData;
    @Autowired
    Erasure erasure;
    @Autowired
    InactiveContacts inactive;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DataSource dataSource;
    @Autowired
    RequestRepository requests;

    @BeforeEach
    void staffUser() {
        users.ensure(STAFF, PASSWORD, StaffGroups.STAFF);
    }

    @Test
    void staffCreateAnEventAndAddAnAttendeeByHandWhoseNewsletterConsentIsRecordedWithItsProof() {
        String tag = tag();
        String address = "kalle." + tag + "@test.example";
        Http staff = login();

        HttpResponse<String> invalid = staff.postForm("/staff/events", Map.of("_csrf", csrf(staff, "/staff/events"),
                "name", "", "heldOn", "31.2.2026", "kind", "PARTY"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(invalid.body()).select("#problems p").eachAttr("data-field"))
                .containsExactly("name", "heldOn", "kind");

        long eventId = createEvent(staff, "Syyskoulutus " + tag, "2026-10-15", "TRAINING");
        assertThat(lastAudit("CREATE_EVENT")).isEqualTo("event " + eventId);
        Document list = Jsoup.parse(staff.get("/staff/events").body());
        assertThat(list.selectFirst("#events tr[data-event=" + eventId + "]").text())
                .contains("Syyskoulutus " + tag).contains("15.10.2026").contains("Koulutus");

        HttpResponse<String> badAddress = addAttendee(staff, eventId, Map.of("name", "Kalle Kokeilu",
                "email", "kalle(at)test.example", "language", "fi", "consent", "EVENT_AND_NEWSLETTER"));
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(badAddress.body()).selectFirst("#problems p[data-field=email]").text())
                .isEqualTo("Sähköpostiosoite \"kalle(at)test.example\" ei kelpaa.");
        assertThat(contacts.findContactIdByEmail("kalle(at)test.example")).isEmpty();

        HttpResponse<String> added = addAttendee(staff, eventId, Map.of("name", "Kalle Kokeilu", "email", address,
                "organisation", "Kokeilu " + tag + " Oy", "language", "sv", "consent", "EVENT_AND_NEWSLETTER"));
        assertThat(added.statusCode()).isEqualTo(302);

        long contact = contacts.findContactIdByEmail(address).orElseThrow();
        assertThat(jdbc.sql("select source from contact where id = :id").param("id", contact)
                .query(String.class).single()).isEqualTo("EVENT");
        assertThat(contacts.isSubscribed(contact)).isTrue();
        assertThat(jdbc.sql("""
                        select kind || ' ' || channel || ' ' || text_version || ' ' || consent_language || ' '
                            || consent_source from newsletter_consent_event where contact_id = :id""")
                .param("id", contact).query(String.class).list())
                .containsExactly("GIVEN EVENT " + VERSION + " sv EVENT:" + eventId);
        assertThat(jdbc.sql("select detail from audit_log where contact_id = :id and action = 'ADD_ATTENDEE'")
                .param("id", contact).query(String.class).single())
                .isEqualTo("event " + eventId + ", consent EVENT_AND_NEWSLETTER");

        Document page = Jsoup.parse(staff.get("/staff/events/" + eventId).body());
        assertThat(page.selectFirst("#flash").text()).contains("lisättiin rekisteriin");
        assertThat(page.selectFirst("#attendees tr[data-contact=" + contact + "]").attr("data-consent"))
                .isEqualTo("EVENT_AND_NEWSLETTER");
        assertThat(page.selectFirst("#attendees tr[data-contact=" + contact + "]").text())
                .contains("Kalle Kokeilu").contains(address).contains("Kokeilu " + tag + " Oy").contains(VERSION);
        assertThat(jdbc.sql("select count(*) from audit_log where contact_id = :id and action = 'VIEW_EVENT'")
                .param("id", contact).query(Long.class).single()).as("each view of the list, per person").isEqualTo(1);

        // the same person again: nothing changes, no second consent
        addAttendee(staff, eventId, Map.of("name", "Kalle Kokeilu", "email", address.toUpperCase(Locale.ROOT),
                "language", "sv", "consent", "EVENT_AND_NEWSLETTER"));
        assertThat(count("select count(*) from newsletter_consent_event where contact_id = " + contact)).isEqualTo(1);
        assertThat(count("select count(*) from event_attendance where contact_id = " + contact)).isEqualTo(1);

        Document contactPage = Jsoup.parse(staff.get("/staff/contacts/" + contact).body());
        assertThat(contactPage.selectFirst("#events").text()).contains("Syyskoulutus " + tag).contains("15.10.2026")
                .contains("Tapahtuma ja uutiskirje");
        assertThat(contactPage.selectFirst("#events a").attr("href")).isEqualTo("/staff/events/" + eventId);
    }

    @Test
    void anEventOnlyAttendeeGetsNoNewsletterConsentAndALaterNewsletterConsentUpgradesTheAttendance() {
        String tag = tag();
        String address = "ella." + tag + "@test.example";
        long eventId = events.create("Luento " + tag, "2026-09-01", "LECTURE", STAFF).id();

        Attendances.Added eventOnly = attendances.addByHand(eventId, new Attendances.Attendee("Ella Esimerkki",
                address, "", "fi", AttendeeConsent.EVENT_ONLY, null), STAFF);

        assertThat(eventOnly.outcome()).isEqualTo(Attendances.Outcome.CREATE);
        long contact = eventOnly.contactId();
        assertThat(contacts.isSubscribed(contact)).isFalse();
        assertThat(count("select count(*) from newsletter_consent_event where contact_id = " + contact)).isZero();
        assertThat(count("select count(*) from event_attendance where text_version is null and contact_id = "
                + contact)).isEqualTo(1);

        Attendances.Added upgraded = attendances.addByHand(eventId, new Attendances.Attendee("Ella Esimerkki",
                address, "", "fi", AttendeeConsent.EVENT_AND_NEWSLETTER, VERSION), STAFF);
        assertThat(upgraded.outcome()).isEqualTo(Attendances.Outcome.UPDATE);
        assertThat(contacts.isSubscribed(contact)).isTrue();

        Attendances.Added downgraded = attendances.addByHand(eventId, new Attendances.Attendee("Ella Esimerkki",
                address, "", "fi", AttendeeConsent.EVENT_ONLY, null), STAFF);
        assertThat(downgraded.outcome()).as("a file or form never takes a consent back").isEqualTo(
                Attendances.Outcome.UNCHANGED);
        assertThat(jdbc.sql("select consent from event_attendance where contact_id = :id").param("id", contact)
                .query(String.class).single()).isEqualTo("EVENT_AND_NEWSLETTER");

        Attendances.Added unknownVersion = attendances.addByHand(eventId, new Attendances.Attendee("Olli Outo",
                "olli." + tag + "@test.example", "", "en", AttendeeConsent.EVENT_AND_NEWSLETTER, "1999-01-01"), STAFF);
        assertThat(unknownVersion.problems()).extracting(Attendances.Problem::reason)
                .containsExactly("event.attendee.error.textVersion");
        assertThat(contacts.findContactIdByEmail("olli." + tag + "@test.example")).isEmpty();
    }

    @Test
    void anAttendeeListsDryRunThenItsApplicationTwiceTheSecondChangingNothing() {
        String tag = tag();
        String fresh = "aino." + tag + "@test.example";
        String subscriber = "bo." + tag + "@test.example";
        String existing = "cecilia." + tag + "@test.example";
        String suppressed = "poistettu." + tag + "@test.example";
        long cecilia = register.contactPerson("Cecilia Olemassa", existing, "fi",
                register.organisation("Org " + tag, "COMPANY"), "Rehtori");
        suppression.suppress(suppressed);
        Http staff = login();
        long eventId = createEvent(staff, "Messut " + tag, "2026-05-20", "FAIR");
        byte[] invalid = String.join("\r\n",
                "nimi;sähköposti;organisaatio;kieli;suostumus;huomautus",
                "Aino Äijälä;" + fresh + ";Åbo " + tag + " Ab;fi;tapahtuma;kahvi",
                "Huono Osoite;huono." + tag + "(at)test.example;;fi;;",
                "Aino Kopio;" + fresh.toUpperCase(Locale.ROOT) + ";;fi;;",
                "Väärä Suostumus;v." + tag + "@test.example;;fi;ehkä;",
                "").getBytes(Charset.forName("windows-1252"));

        Document refused = Jsoup.parse(upload(staff, eventId, invalid).body());

        assertThat(refused.selectFirst("#report").attr("data-valid")).isEqualTo("false");
        assertThat(refused.select("#import-problems tr[data-line]").eachAttr("data-line")).containsExactly("3", "4", "5");
        assertThat(refused.selectFirst("#import-problems tr[data-line=3]").text())
                .contains("Sähköpostiosoite \"huono." + tag + "(at)test.example\" ei kelpaa.");
        assertThat(refused.selectFirst("#import-problems tr[data-line=4]").text()).contains("rivillä 2");
        assertThat(refused.selectFirst("#import-problems tr[data-line=5]").text()).contains("\"ehkä\"");
        assertThat(refused.selectFirst("form#apply")).isNull();
        assertThat(contacts.findContactIdByEmail(fresh)).isEmpty();

        byte[] valid = String.join("\n",
                "name,email,organisation,language,consent,consent_text_version,notes",
                "Aino Äijälä," + fresh + ",\"Åbo " + tag + " Ab\",fi,event,,coffee",
                "Bo Bäck," + subscriber + ",,sv,newsletter," + VERSION + ",",
                "Cecilia Uusi Nimi," + existing + ",,,uutiskirje,,",
                "Poistettu Henkilö," + suppressed.toUpperCase(Locale.ROOT) + ",,fi,newsletter,,")
                .getBytes(StandardCharsets.UTF_8);
        long contactsBefore = count("select count(*) from contact");
        long consentsBefore = count("select count(*) from newsletter_consent_event");

        Document dryRun = Jsoup.parse(upload(staff, eventId, valid).body());

        assertThat(outcomeLines(dryRun, "CREATE")).isEqualTo("2, 3");
        assertThat(outcomeLines(dryRun, "UPDATE")).isEqualTo("4");
        assertThat(outcomeLines(dryRun, "UNCHANGED")).isEmpty();
        assertThat(outcomeLines(dryRun, "SKIP_SUPPRESSED")).isEqualTo("5");
        assertThat(dryRun.selectFirst("#report").attr("data-applied")).isEqualTo("false");
        assertThat(dryRun.selectFirst("#report").text()).contains("notes");
        assertThat(count("select count(*) from contact")).as("a dry run writes nothing").isEqualTo(contactsBefore);
        assertThat(count("select count(*) from event_attendance where event_id = " + eventId)).isZero();
        String content = dryRun.selectFirst("form#apply input[name=content]").attr("value");

        Document applied = Jsoup.parse(apply(staff, eventId, content).body());

        assertThat(applied.selectFirst("#report").attr("data-applied")).isEqualTo("true");
        assertThat(outcomeLines(applied, "CREATE")).isEqualTo("2, 3");
        assertThat(applied.select("#attendees tbody tr")).hasSize(3);
        long aino = contacts.findContactIdByEmail(fresh).orElseThrow();
        long bo = contacts.findContactIdByEmail(subscriber).orElseThrow();
        assertThat(contacts.isSubscribed(aino)).as("event only: no newsletter").isFalse();
        assertThat(contacts.isSubscribed(bo)).isTrue();
        assertThat(contacts.isSubscribed(cecilia)).isTrue();
        assertThat(jdbc.sql("select text_version || ' ' || consent_language from newsletter_consent_event"
                        + " where contact_id = :id").param("id", cecilia).query(String.class).single())
                .as("blank language: Finnish, blank version: the current one").isEqualTo(VERSION + " fi");
        assertThat(contacts.correctableValues(cecilia).orElseThrow().get(fi.kivaq.dsr.register.ContactField.NAME))
                .as("a contact already in the register keeps its fields").isEqualTo("Cecilia Olemassa");
        assertThat(contacts.findContactIdByEmail(suppressed)).as("never re-added").isEmpty();
        assertThat(count("select count(*) from contact")).isEqualTo(contactsBefore + 2);
        assertThat(count("select count(*) from newsletter_consent_event")).isEqualTo(consentsBefore + 2);
        assertThat(lastAudit("IMPORT_ATTENDEES")).contains("event " + eventId).contains("2 created, 1 updated")
                .doesNotContain(tag);

        Document again = Jsoup.parse(apply(staff, eventId, content).body());

        assertThat(again.selectFirst("#report").attr("data-applied")).isEqualTo("true");
        assertThat(outcomeLines(again, "UNCHANGED")).isEqualTo("2, 3, 4");
        assertThat(outcomeLines(again, "SKIP_SUPPRESSED")).isEqualTo("5");
        assertThat(count("select count(*) from contact")).isEqualTo(contactsBefore + 2);
        assertThat(count("select count(*) from newsletter_consent_event")).isEqualTo(consentsBefore + 2);
        assertThat(count("select count(*) from event_attendance where event_id = " + eventId)).isEqualTo(3);
    }

    @Test
    void theAccessCopyListsTheEventAndAnErasureLeavesNothingOfTheAttendee() {
        String tag = tag();
        String address = "pertti." + tag + "@test.example";
        String name = "Pertti Poistettava-" + tag;
        long eventId = events.create("Työpaja " + tag, "2026-03-03", "WORKSHOP", STAFF).id();
        long contact = attendances.addByHand(eventId, new Attendances.Attendee(name, address, "", "en",
                AttendeeConsent.EVENT_AND_NEWSLETTER, null), STAFF).contactId();

        PersonalDataOwner.AccessCopy copy = new PersonalDataOwner.AccessCopy();
        PersonalDataOwner.Person person = new PersonalDataOwner.Person(0, contact, address);
        owners.forEach(owner -> owner.describe(person, copy));
        AccessExtract extract = copy.extract();

        assertThat(extract.eventsAttended()).containsExactly(new AccessExtract.EventAttended("Työpaja " + tag,
                LocalDate.of(2026, 3, 3), "WORKSHOP", "EVENT_AND_NEWSLETTER", VERSION,
                LocalDate.now(fi.kivaq.dsr.shared.DeadlineCalculator.HELSINKI)));
        assertThat(extract.holdsAnything()).isTrue();

        erasure.eraseAtRetentionReview(contact);

        assertThat(count("select count(*) from event_attendance where contact_id = " + contact)).isZero();
        assertThat(count("select count(*) from event where id = " + eventId)).as("the event stays").isEqualTo(1);
        for (String needle : new String[] {address, name}) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                    .as(needle).isEmpty();
        }
    }

    @Test
    void anAttendanceIsActivityAndRetentionDeletesAttendancesPastTheirPeriod() {
        String tag = tag();
        long eventId = events.create("Vanha koulutus " + tag, "2021-01-10", "TRAINING", STAFF).id();
        Instant longAgo = Instant.now().minus(4 * 366, ChronoUnit.DAYS);
        String oldAddress = "vanha." + tag + "@test.example";
        String newAddress = "uusi." + tag + "@test.example";
        transaction.executeWithoutResult(status -> attendances.record(eventId, attendances.resolved(
                new Attendances.Attendee("Vanha Osallistuja", oldAddress, "", "fi", AttendeeConsent.EVENT_ONLY,
                        null)), longAgo));
        long old = contacts.findContactIdByEmail(oldAddress).orElseThrow();
        jdbc.sql("update contact set created_at = :at where id = :id").param("at", longAgo.atOffset(java.time.ZoneOffset.UTC))
                .param("id", old).update();
        Instant cutOff = Instant.now().minus(3 * 365, ChronoUnit.DAYS);
        assertThat(inactive.inactiveSince(cutOff)).contains(old);

        // the same person at a new event: active again
        long newEvent = events.create("Uusi koulutus " + tag, "2026-11-01", "TRAINING", STAFF).id();
        attendances.addByHand(newEvent, new Attendances.Attendee("Vanha Osallistuja", oldAddress, "", "fi",
                AttendeeConsent.EVENT_ONLY, null), STAFF);
        attendances.addByHand(newEvent, new Attendances.Attendee("Uusi Osallistuja", newAddress, "", "fi",
                AttendeeConsent.EVENT_ONLY, null), STAFF);
        assertThat(inactive.inactiveSince(cutOff)).doesNotContain(old);

        PersonalDataOwner.RetentionDue due = new PersonalDataOwner.RetentionDue(
                LocalDate.now(fi.kivaq.dsr.shared.DeadlineCalculator.HELSINKI), RetentionPolicy.defaults(), List.of(),
                new PersonalDataOwner.RetentionCounts());
        transaction.executeWithoutResult(status -> eventData.applyRetention(due));

        assertThat(count("select count(*) from event_attendance where event_id = " + eventId))
                .as("recorded over 3 years ago").isZero();
        assertThat(count("select count(*) from event_attendance where event_id = " + newEvent)).isEqualTo(2);
        assertThat(due.counts().asMap()).containsKey("event attendances deleted");
        assertThat(contacts.findContactIdByEmail(oldAddress)).as("the contact goes only by its own review").isPresent();
    }

    @Test
    void theSampleFileInDocsIsValid() throws Exception {
        long eventId = events.create("Näytetiedosto " + tag(), "2026-06-01", "FAIR", STAFF).id();
        AttendeeImport.Report report = attendeeImport.dryRun(eventId,
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("docs", "sample-attendees.csv")), STAFF);

        assertThat(report.problems()).isEmpty();
        assertThat(report.lines(Attendances.Outcome.CREATE)).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void everyEventPageNeedsAStaffLogin() {
        for (String path : new String[] {"/staff/events", "/staff/events/1"}) {
            HttpResponse<String> response = http().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
        }
        HttpResponse<String> post = http().postForm("/staff/events", Map.of("name", "x", "heldOn", "2026-01-01",
                "kind", "FAIR"));
        assertThat(post.statusCode()).isIn(302, 403);
        assertThat(login().get("/staff/events/987654321").statusCode()).isEqualTo(404);
    }

    /**
     * Art. 18: a restricted contact is not recorded as an attendee, by hand or from a list, and nothing about them
     * changes (no attendance, no consent, no activity); the dry run reports the row; the rest of the list is imported.
     */
    @Test
    void aRestrictedContactIsNotRecordedAndTheDryRunReportsTheRow() {
        String tag = tag();
        String restrictedAddress = "rajoitettu." + tag + "@test.example";
        String fresh = "vapaa." + tag + "@test.example";
        long restricted = register.contactPerson("Raija Rajoitettu", restrictedAddress, "fi",
                register.organisation("Rajoitus " + tag, "COMPANY"), "Opettaja");
        restrictByRequest(restricted, restrictedAddress);
        String activityBefore = activity(restricted);
        Http staff = login();
        long eventId = createEvent(staff, "Luento " + tag, "2026-09-01", "LECTURE");

        HttpResponse<String> byHand = addAttendee(staff, eventId, Map.of("name", "Raija Uusi Nimi",
                "email", restrictedAddress.toUpperCase(Locale.ROOT), "language", "fi", "consent", "EVENT_AND_NEWSLETTER"));

        assertThat(byHand.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(byHand.body()).selectFirst("#problems p[data-field=email]").text())
                .contains("käsittelyä on rajoitettu").contains("osallistumista ei kirjata");
        assertThat(count("select count(*) from event_attendance where contact_id = " + restricted)).isZero();
        assertThat(count("select count(*) from newsletter_consent_event where contact_id = " + restricted)).isZero();
        assertThat(contacts.isSubscribed(restricted)).isFalse();
        assertThat(jdbc.sql("select name from contact where id = :id").param("id", restricted).query(String.class)
                .single()).isEqualTo("Raija Rajoitettu");
        assertThat(activity(restricted)).as("no activity recorded").isEqualTo(activityBefore);
        assertThat(count("select count(*) from audit_log where action = 'ADD_ATTENDEE' and contact_id = " + restricted))
                .isZero();

        byte[] list = String.join("\n", "name,email,consent",
                "Vapaa Osallistuja," + fresh + ",newsletter",
                "Raija Rajoitettu," + restrictedAddress + ",newsletter").getBytes(StandardCharsets.UTF_8);
        Document dryRun = Jsoup.parse(upload(staff, eventId, list).body());
        assertThat(dryRun.selectFirst("#report").attr("data-valid")).isEqualTo("true");
        assertThat(outcomeLines(dryRun, "CREATE")).isEqualTo("2");
        assertThat(outcomeLines(dryRun, "SKIP_RESTRICTED")).isEqualTo("3");
        assertThat(dryRun.selectFirst("#outcomes tr[data-outcome=SKIP_RESTRICTED]").text()).contains("rajoitettu");
        assertThat(lastAudit("IMPORT_ATTENDEES_DRY_RUN")).contains("1 restricted");

        Document applied = Jsoup.parse(apply(staff, eventId,
                dryRun.selectFirst("form#apply input[name=content]").attr("value")).body());
        assertThat(outcomeLines(applied, "SKIP_RESTRICTED")).isEqualTo("3");
        assertThat(count("select count(*) from event_attendance where event_id = " + eventId)).isEqualTo(1);
        assertThat(count("select count(*) from event_attendance where contact_id = " + restricted)).isZero();
        assertThat(count("select count(*) from newsletter_consent_event where contact_id = " + restricted)).isZero();
        assertThat(activity(restricted)).isEqualTo(activityBefore);
    }

    /** Staff correct an event's name, date and kind, and remove an attendance recorded by mistake; both audited. */
    @Test
    void staffCorrectAnEventAndRemoveAnAttendanceBothAudited() {
        String tag = tag();
        String address = "vahinko." + tag + "@test.example";
        Http staff = login();
        long eventId = createEvent(staff, "Webinaari " + tag, "2026-03-01", "WEBINAR");

        HttpResponse<String> invalid = staff.postForm("/staff/events/" + eventId + "/edit", Map.of(
                "_csrf", csrf(staff, "/staff/events/" + eventId), "name", " ", "heldOn", "2026-02-30", "kind", "PARTY"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(invalid.body()).select("#edit-problems p").eachAttr("data-field"))
                .containsExactly("name", "heldOn", "kind");
        assertThat(events.find(eventId).orElseThrow().name()).isEqualTo("Webinaari " + tag);

        HttpResponse<String> edited = staff.postForm("/staff/events/" + eventId + "/edit", Map.of(
                "_csrf", csrf(staff, "/staff/events/" + eventId), "name", "Työpaja " + tag, "heldOn", "2026-03-02",
                "kind", "WORKSHOP"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(302);
        Events.Event event = events.find(eventId).orElseThrow();
        assertThat(event.name()).isEqualTo("Työpaja " + tag);
        assertThat(event.heldOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(event.kind()).isEqualTo(EventKind.WORKSHOP);
        assertThat(lastAudit("EDIT_EVENT")).isEqualTo("event " + eventId + ": name, date, kind");
        Document page = Jsoup.parse(staff.get("/staff/events/" + eventId).body());
        assertThat(page.selectFirst("#flash").text()).contains("tallennettiin");
        assertThat(page.selectFirst("#edit-name").attr("value")).isEqualTo("Työpaja " + tag);

        assertThat(addAttendee(staff, eventId, Map.of("name", "Vahinko Lisätty", "email", address, "language", "fi",
                "consent", "EVENT_ONLY")).statusCode()).isEqualTo(302);
        long contact = contacts.findContactIdByEmail(address).orElseThrow();
        String removePath = "/staff/events/" + eventId + "/attendees/" + contact + "/remove";
        assertThat(Jsoup.parse(staff.get("/staff/events/" + eventId).body())
                .select("#attendees form.remove").eachAttr("action")).containsExactly(removePath);

        HttpResponse<String> removed = staff.postForm(removePath, Map.of("_csrf", csrf(staff, "/staff/events/" + eventId)));
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(count("select count(*) from event_attendance where event_id = " + eventId)).isZero();
        assertThat(jdbc.sql("select detail from audit_log where contact_id = :id and action = 'REMOVE_ATTENDEE'")
                .param("id", contact).query(String.class).single()).isEqualTo("event " + eventId);
        assertThat(contacts.findContactIdByEmail(address)).as("the contact stays in the register").isPresent();

        HttpResponse<String> again = staff.postForm(removePath, Map.of("_csrf", csrf(staff, "/staff/events/" + eventId)));
        assertThat(again.statusCode()).isEqualTo(404);

        // a restricted contact's attendance stays as it is
        String restrictedAddress = "pysyy." + tag + "@test.example";
        assertThat(addAttendee(staff, eventId, Map.of("name", "Pysyvä Osallistuja", "email", restrictedAddress,
                "language", "fi", "consent", "EVENT_ONLY")).statusCode()).isEqualTo(302);
        long restricted = contacts.findContactIdByEmail(restrictedAddress).orElseThrow();
        restrictByRequest(restricted, restrictedAddress);
        HttpResponse<String> refused = staff.postForm("/staff/events/" + eventId + "/attendees/" + restricted
                + "/remove", Map.of("_csrf", csrf(staff, "/staff/events/" + eventId)));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(refused.body()).selectFirst("#remove-problem").text()).contains("rajoitettu");
        assertThat(count("select count(*) from event_attendance where contact_id = " + restricted)).isEqualTo(1);
        assertThat(Jsoup.parse(refused.body()).select("#attendees form.remove")).as("no button for them").isEmpty();

        assertThat(http().postForm("/staff/events/" + eventId + "/edit", Map.of("name", "x", "heldOn", "2026-01-01",
                "kind", "FAIR")).statusCode()).isIn(302, 403);
        assertThat(events.find(eventId).orElseThrow().name()).isEqualTo("Työpaja " + tag);
    }

    /** As the restriction process does (ContactRegister.restrict), with an answered restriction request. */
    private void restrictByRequest(long contact, String email) {
        long request = requests.recordAnswered(new NewRequest(RequestType.RESTRICTION, email, null, Language.FI, null,
                RequestChannel.WEB_FORM, Instant.now().minusSeconds(86_400)), LocalDate.now().plusDays(20),
                Instant.now()).id();
        Boolean restricted = transaction.execute(status -> contacts.restrict(contact, request));
        assertThat(restricted).isTrue();
    }

    private String activity(long contact) {
        return jdbc.sql("select cast(last_activity_at as varchar(40)) from contact where id = :id").param("id", contact)
                .query(String.class).optional().orElse(null);
    }

    private Http login() {
        Http http = http();
        StaffUsers.login(http, STAFF, PASSWORD);
        return http;
    }

    private static String csrf(Http staff, String path) {
        return StaffUsers.csrf(staff.get(path).body());
    }

    private static long createEvent(Http staff, String name, String heldOn, String kind) {
        HttpResponse<String> created = staff.postForm("/staff/events", Map.of("_csrf", csrf(staff, "/staff/events"),
                "name", name, "heldOn", heldOn, "kind", kind));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static HttpResponse<String> addAttendee(Http staff, long eventId, Map<String, String> fields) {
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("_csrf", csrf(staff, "/staff/events/" + eventId));
        return staff.postForm("/staff/events/" + eventId + "/attendees", form);
    }

    private static HttpResponse<String> upload(Http staff, long eventId, byte[] file) {
        HttpResponse<String> response = staff.postMultipart("/staff/events/" + eventId + "/import",
                Map.of("_csrf", csrf(staff, "/staff/events/" + eventId)), "file", "attendees.csv", "text/csv", file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> apply(Http staff, long eventId, String content) {
        HttpResponse<String> response = staff.postMultipart("/staff/events/" + eventId + "/import/apply",
                Map.of("_csrf", csrf(staff, "/staff/events/" + eventId), "content", content), "file", "none.csv",
                "text/csv", new byte[0]);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String outcomeLines(Document page, String outcome) {
        return page.selectFirst("#outcomes tr[data-outcome=" + outcome + "] .lines").text();
    }

    private String lastAudit(String action) {
        return jdbc.sql("select detail from audit_log where action = :action order by id desc fetch first 1 rows only")
                .param("action", action).query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
