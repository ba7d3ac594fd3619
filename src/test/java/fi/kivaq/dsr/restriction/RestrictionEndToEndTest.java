package fi.kivaq.dsr.restriction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterAudience;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.subcontractor.SubcontractorNotificationProcess;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/**
 * Issue 11's restriction (GDPR Art. 18), end to end over HTTP, SMTP and the engine: filed, proven, decided with a
 * ground and reasons, the contact restricted (out of the newsletter audience and the register pages), the recipient
 * told (Art. 19), the signed letter parsed back; then lifted by staff, the person told first (Art. 18(3)).
 */
class RestrictionEndToEndTest extends IntegrationTest {

    @Autowired
    TestRegister register;
    @Autowired
    StaffUsers users;
    @Autowired
    ContactRegister contacts;
    @Autowired
    NewsletterAudience newsletterAudience;

    /** The contacts the newsletter goes to: the one place that decides it, asked as the sending asks. */
    private java.util.List<Long> audience() {
        return newsletterAudience.live().stream().map(NewsletterAudience.Subscriber::contactId).toList();
    }
    @Autowired
    HistoryService historyService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void staff() {
        users.ensure("restrictionstaff", "s3cret-restriction", StaffGroups.STAFF);
    }

    @Test
    void aRestrictionKeepsTheContactOutOfUseTellsTheRecipientAndIsLiftedOnlyAfterThePersonIsTold() throws Exception {
        String email = uniqueAddress("rajoitettava");
        String name = "Rajoitettava Henkilö-" + letters(email);
        long contact = register.subscriber(name, email, "fi");
        long otherSubscriber = register.subscriber("Muu Tilaaja", uniqueAddress("muu.tilaaja"), "fi");
        String workshop = uniqueAddress("workshop");
        register.disclose(contact, register.subcontractor("Työpaja Rajoitus Oy", workshop, "fi"), "Työpajan osallistujalista");
        String itService = uniqueAddress("itservice");
        register.disclose(contact, register.subcontractor("IT Begränsning Ab", itService, "sv"), "CRM-tuki");
        assertThat(audience()).contains(contact, otherSubscriber);

        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"RESTRICTION","email":"%s","name":"%s","language":"fi","details":"Kiistän sukunimeni oikeellisuuden"}"""
                .formatted(email, name)).body()).get("reference").asText();
        assertThat(http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0])
                .statusCode()).isEqualTo(200);

        Http staff = http();
        StaffUsers.login(staff, "restrictionstaff", "s3cret-restriction");
        String page = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + reference
                + "/restriction").body(), body -> body.contains("Tallenna päätös"));
        // the request's own page is where the restricted person's data is seen
        assertThat(page).contains(email).contains("Kiistän sukunimeni oikeellisuuden");

        // without a ground and reasons nothing is decided
        HttpResponse<String> incomplete = staff.postForm("/staff/requests/" + reference + "/restriction",
                Map.of("outcome", "GRANT", "reasons", "", "_csrf", StaffUsers.csrf(page)));
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("Valitse 18 artiklan 1 kohdan peruste").contains("Kirjoita perustelut");

        HttpResponse<String> decided = staff.postForm("/staff/requests/" + reference + "/restriction", Map.of(
                "outcome", "GRANT", "ground", "ACCURACY_CONTESTED",
                "reasons", "Tarkistamme sukunimen organisaatiolta; käsittely on rajoitettu siksi ajaksi.",
                "_csrf", StaffUsers.csrf(page)));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);

        // each recipient is told to restrict too, with the person as it knows them
        MimeMessage toWorkshop = awaitMailWithSubject(workshop, "Rajoita henkilötietojen käsittelyä");
        assertThat(Mails.text(toWorkshop)).contains(name).contains(email).contains("Työpajan osallistujalista");
        MimeMessage toIt = awaitMailWithSubject(itService, "Begränsa behandlingen");

        // the signed letter: restricted, on which ground, why, and who was told
        MimeMessage answer = awaitMailWithSubject(email, "Käsittelyn rajoittaminen");
        Mails.Attachment letter = Mails.attachments(answer).get(0);
        assertThat(SealedPdf.sealIntact(letter.content())).isTrue();
        String letterText = SealedPdf.text(letter.content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains(reference).contains("Olemme rajoittaneet tietojesi käsittelyä")
                .contains("18 artiklan 1 kohdan a alakohta").contains("Tarkistamme sukunimen organisaatiolta")
                .contains("Työpaja Rajoitus Oy").contains("Ennen kuin poistamme rajoituksen, ilmoitamme")
                .contains("Tietosuojavaltuutetun toimisto");

        // kept, but out of the newsletter audience and of the staff's register pages
        assertThat(jdbc.sql("select count(*) from contact where id = :c").param("c", contact).query(Long.class).single())
                .isEqualTo(1);
        assertThat(audience()).doesNotContain(contact).contains(otherSubscriber);
        String search = staff.get("/staff/contacts?q=" + email.substring(0, email.indexOf('@'))).body();
        assertThat(search).doesNotContain(email);
        HttpResponse<String> contactPage = staff.get("/staff/contacts/" + contact);
        assertThat(contactPage.body()).doesNotContain(email).doesNotContain(name);
        assertThat(contactPage.body()).contains(reference);
        assertThat(jdbc.sql("select status from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("COMPLETED");

        // the recipients confirm; the restriction stays until staff lift it
        assertThat(http().post(Mails.acknowledgementPath(toWorkshop), "text/plain", new byte[0]).statusCode()).isEqualTo(200);
        assertThat(http().post(Mails.acknowledgementPath(toIt), "text/plain", new byte[0]).statusCode()).isEqualTo(200);
        assertThat(TestMailServer.receivedBy(workshop)).as("nobody is told of a lift before it").hasSize(1);

        String restrictedPage = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + reference
                + "/restriction").body(), body -> body.contains("Lähetä kirje ja poista sitten rajoitus"));
        HttpResponse<String> noReason = staff.postForm("/staff/requests/" + reference + "/restriction/lift",
                Map.of("liftReasons", " ", "_csrf", StaffUsers.csrf(restrictedPage)));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(contacts.restrictedBy(contact)).isPresent();
        HttpResponse<String> lift = staff.postForm("/staff/requests/" + reference + "/restriction/lift", Map.of(
                "liftReasons", "Organisaatiosi vahvisti sukunimen oikeaksi.", "_csrf", StaffUsers.csrf(restrictedPage)));
        assertThat(lift.statusCode()).as(lift.body()).isEqualTo(302);

        Awaitility.await().atMost(PATIENCE).until(() -> contacts.restrictedBy(contact).isEmpty());
        // told first: the lift letter had left the outbox before the restriction ended
        List<MimeMessage> answers = TestMailServer.receivedBy(email).stream()
                .filter(m -> Mails.subject(m).contains("Käsittelyn rajoittaminen")).toList();
        assertThat(answers).hasSize(2);
        String liftText = SealedPdf.text(Mails.attachments(answers.get(1)).get(0).content()).replaceAll("\\s+", " ");
        assertThat(liftText).contains("Poistamme tietojesi käsittelyn rajoituksen")
                .contains("Organisaatiosi vahvisti sukunimen oikeaksi").contains("käräjäoikeu");
        OffsetDateTime letterSent = jdbc.sql("""
                        select max(m.sent_at) from outbox_mail m join dsr_request r on r.id = m.request_id
                        where r.reference = :r and m.recipient = :e""").param("r", reference).param("e", email)
                .query(OffsetDateTime.class).single();
        OffsetDateTime lifted = jdbc.sql("""
                        select d.lifted_at from restriction_decision d join dsr_request r on r.id = d.request_id
                        where r.reference = :r""").param("r", reference).query(OffsetDateTime.class).single();
        assertThat(letterSent).isNotNull();
        assertThat(lifted).isAfterOrEqualTo(letterSent);

        assertThat(audience()).contains(contact);
        assertThat(staff.get("/staff/contacts/" + contact).body()).contains(email);

        // Art. 19: every recipient told of the restriction is told it is lifted, in its language, and confirms
        MimeMessage liftedToWorkshop = awaitMailWithSubject(workshop, "käsittelyn rajoitus päättyy");
        MimeMessage liftedToIt = awaitMailWithSubject(itService, "Begränsningen av behandlingen");
        assertThat(Mails.subject(liftedToWorkshop)).contains(reference);
        assertThat(Mails.text(liftedToWorkshop)).contains(name).contains(email).contains("Työpajan osallistujalista")
                .contains("on nyt poistanut rajoituksen");
        assertThat(Mails.text(liftedToIt)).contains(name).contains(email).contains("har nu hävt begränsningen");
        assertThat(jdbc.sql("""
                        select count(*) from subcontractor_notification n join dsr_request r on r.id = n.request_id
                        where r.reference = :r and n.occasion = 'RESTRICTION_LIFTED' and n.sent_at is not null""")
                .param("r", reference).query(Long.class).single()).isEqualTo(2);
        assertThat(http().post(Mails.acknowledgementPath(liftedToWorkshop), "text/plain", new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(http().post(Mails.acknowledgementPath(liftedToIt), "text/plain", new byte[0]).body())
                .contains("Tack för bekräftelsen");
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(RestrictionProcess.KEY).finished().count() == 1);
    }

    @Test
    void aLiftBeforeARecipientConfirmedClosesItsRestrictionNoticeSoOnlyTheLiftNoticeIsReminded() throws Exception {
        String email = uniqueAddress("rajoitus.poistuu");
        String name = "Nopea Purku-" + letters(email);
        long contact = register.subscriber(name, email, "fi");
        String slow = uniqueAddress("hidas");
        register.disclose(contact, register.subcontractor("Hidas Vastaaja Oy", slow, "fi"), "Tapahtumarekisteri");
        String prompt = uniqueAddress("nopea");
        register.disclose(contact, register.subcontractor("Nopea Vastaaja Oy", prompt, "fi"), "CRM-tuki");

        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"RESTRICTION","email":"%s","name":"%s","language":"fi","details":"Kiistän tietojeni oikeellisuuden"}"""
                .formatted(email, name)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        Http staff = http();
        StaffUsers.login(staff, "restrictionstaff", "s3cret-restriction");
        String page = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + reference
                + "/restriction").body(), body -> body.contains("Tallenna päätös"));
        assertThat(staff.postForm("/staff/requests/" + reference + "/restriction", Map.of("outcome", "GRANT",
                "ground", "ACCURACY_CONTESTED", "reasons", "Tarkistamme tiedot.", "_csrf", StaffUsers.csrf(page)))
                .statusCode()).isEqualTo(302);

        // one recipient confirms the restriction notice, the other does not before the lift
        MimeMessage toSlow = awaitMailWithSubject(slow, "Rajoita henkilötietojen käsittelyä");
        MimeMessage toPrompt = awaitMailWithSubject(prompt, "Rajoita henkilötietojen käsittelyä");
        assertThat(http().post(Mails.acknowledgementPath(toPrompt), "text/plain", new byte[0]).statusCode()).isEqualTo(200);
        awaitMailWithSubject(email, "Käsittelyn rajoittaminen");
        String restrictionReminder = restrictionNoticeTimer(reference);

        String restrictedPage = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + reference
                + "/restriction").body(), body -> body.contains("Lähetä kirje ja poista sitten rajoitus"));
        assertThat(staff.postForm("/staff/requests/" + reference + "/restriction/lift", Map.of(
                "liftReasons", "Tiedot tarkistettiin oikeiksi.", "_csrf", StaffUsers.csrf(restrictedPage)))
                .statusCode()).isEqualTo(302);

        // both are told of the lift; the unconfirmed restriction notice is closed as superseded, recorded
        MimeMessage liftToSlow = awaitMailWithSubject(slow, "käsittelyn rajoitus päättyy");
        MimeMessage liftToPrompt = awaitMailWithSubject(prompt, "käsittelyn rajoitus päättyy");
        assertThat(Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql("""
                        select s.name from subcontractor_notification n join dsr_request r on r.id = n.request_id
                        join subcontractor s on s.id = n.subcontractor_id
                        where r.reference = :r and n.superseded_at is not null""").param("r", reference)
                .query(String.class).list(), names -> !names.isEmpty())).containsExactly("Hidas Vastaaja Oy");
        assertThat(jdbc.sql("""
                        select count(*) from subcontractor_notification n join dsr_request r on r.id = n.request_id
                        where r.reference = :r and n.occasion = 'REQUEST' and n.acknowledged_at is null
                        and n.superseded_at is null""").param("r", reference).query(Long.class).single()).isZero();
        assertThat(passedInNotifications(reference, "EndEvent_Superseded")).isEqualTo(1);
        assertThat(managementService.createJobQuery().jobId(restrictionReminder).count())
                .as("the restriction notice's reminder is gone").isZero();
        // its link no longer works: the restriction it asks to confirm has ended
        assertThat(http().post(Mails.acknowledgementPath(toSlow), "text/plain", new byte[0]).statusCode()).isEqualTo(404);

        // the reminders fall due: only the lift notice is reminded, never the restriction
        List<Job> reminders = Awaitility.await().atMost(PATIENCE).until(() -> notificationTimers(reference,
                "BoundaryEvent_ReminderDue"), timers -> timers.size() == 2);
        reminders.forEach(timer -> managementService.executeJob(timer.getId()));
        MimeMessage liftReminder = awaitMailWithSubject(slow, "Muistutus: Henkilötietojen käsittelyn rajoitus päättyy");
        assertThat(TestMailServer.receivedBy(slow)).extracting(Mails::subject)
                .filteredOn(subject -> subject.contains("Rajoita henkilötietojen käsittelyä")).hasSize(1);

        // the lift notices are confirmed with their links, and the restriction's process ends
        assertThat(http().post(Mails.acknowledgementPath(liftReminder), "text/plain", new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(http().post(Mails.acknowledgementPath(awaitMailWithSubject(prompt,
                "Muistutus: Henkilötietojen käsittelyn rajoitus päättyy")), "text/plain", new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(Mails.text(liftToSlow)).contains(name);
        assertThat(Mails.subject(liftToPrompt)).contains(reference);
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(RestrictionProcess.KEY).finished().count() == 1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
        assertThat(TestMailServer.receivedBy(slow)).extracting(Mails::subject)
                .filteredOn(subject -> subject.contains("Rajoita henkilötietojen käsittelyä")).hasSize(1);
    }

    /** The reminder timer of the one restriction notice still waiting for its confirmation. */
    private String restrictionNoticeTimer(String reference) {
        return Awaitility.await().atMost(PATIENCE).until(() -> notificationTimers(reference, "BoundaryEvent_ReminderDue"),
                timers -> timers.size() == 1).get(0).getId();
    }

    private List<Job> notificationTimers(String reference, String activityId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(SubcontractorNotificationProcess.KEY).list().stream()
                .flatMap(p -> managementService.createJobQuery().processInstanceId(p.getId()).activityId(activityId)
                        .timers().list().stream())
                .toList();
    }

    private long passedInNotifications(String reference, String activityId) {
        return Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(SubcontractorNotificationProcess.KEY).list()
                .stream().mapToLong(p -> historyService.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
                        .activityId(activityId).finished().count())
                .sum(), n -> n > 0);
    }

    @Test
    void aRefusedRestrictionIsAnsweredWithTheReasonsAndTheRemediesAndRestrictsNothing() throws Exception {
        String email = uniqueAddress("ei.rajoitusta");
        long contact = register.subscriber("Ei Rajoitusta", email, "en");
        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"RESTRICTION","email":"%s","language":"en","details":"Please stop using my data"}"""
                .formatted(email)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm")), "text/plain", new byte[0]);
        // watched like the other types: its deadline watch starts if it is still open after dsr.deadlines.watch-delay
        assertThat(jdbc.sql("select deadline_watch_pending from dsr_request where reference = :reference")
                .param("reference", reference).query(Boolean.class).single()).isTrue();

        Http staff = http();
        StaffUsers.login(staff, "restrictionstaff", "s3cret-restriction");
        String page = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + reference
                + "/restriction").body(), body -> body.contains("name=\"outcome\""));
        assertThat(staff.postForm("/staff/requests/" + reference + "/restriction", Map.of("outcome", "REFUSE",
                "reasons", "You do not contest the accuracy of the data, and its processing is lawful.",
                "_csrf", StaffUsers.csrf(page))).statusCode()).isEqualTo(302);

        MimeMessage answer = awaitMailWithSubject(email, "Restriction of processing");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("We have not restricted the processing of your data")
                .contains("You asked: Please stop using my data")
                .contains("You do not contest the accuracy of the data").contains("district court")
                .contains("Office of the Data Protection Ombudsman");
        assertThat(contacts.restrictedBy(contact)).isEmpty();
        assertThat(audience()).contains(contact);
        // answered within minutes: its deadline watch never had to start
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("deadline-watch").count()).isZero();
    }

    /** Letters made of an address's random part: names take letters only. */
    private static String letters(String address) {
        return address.substring(address.indexOf('@') - 8, address.indexOf('@')).chars()
                .mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 16)))).reduce("", String::concat);
    }
}
