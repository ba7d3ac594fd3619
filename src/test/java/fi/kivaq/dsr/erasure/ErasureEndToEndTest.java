package fi.kivaq.dsr.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.deadline.DeadlineExtension;
import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.NewsletterSignUp;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.DatabaseScan;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/** Issue 5's erasure, end to end: HTTP, SMTP, engine, both subcontractors, and a scan of the whole database. */
class ErasureEndToEndTest extends IntegrationTest {


    @Autowired
    TestRegister register;
    @Autowired
    StaffUsers users;
    @Autowired
    NewsletterSignUp signUp;
    @Autowired
    HistoryService historyService;
    @Autowired
    DataSource dataSource;
    @Autowired
    DeadlineExtension deadlines;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void staff() {
        users.ensure("erasurestaff", "s3cret-erasure", StaffGroups.STAFF);
    }

    @Test
    void erasureLeavesNeitherAddressNorNameAnywhereAndTheAddressCannotSubscribeAgain() throws Exception {
        String email = uniqueAddress("Poistettava.Henkilo");
        // a name no other test uses (names take letters only)
        String name = "Poistettava Henkilö-" + email.substring(20, 28).chars()
                .mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 16)))).reduce("", String::concat);
        long contact = register.subscriber(name, email, "fi");
        String workshop = uniqueAddress("workshop");
        String itService = uniqueAddress("itservice");
        register.disclose(contact, register.subcontractor("Työpaja Testi Oy", workshop, "fi"), "Työpajan osallistujalista");
        register.disclose(contact, register.subcontractor("IT Test Ab", itService, "sv"), "CRM-tuki");

        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"DELETION","email":"%s","name":"%s","language":"fi"}""".formatted(email, name)).body())
                .get("reference").asText();
        assertThat(http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0])
                .statusCode()).isEqualTo(200);

        completeAssessment(reference, false);

        // both subcontractors get the instruction in their own language, with the person to erase
        MimeMessage toWorkshop = awaitMailWithSubject(workshop, "Henkilötietojen poistaminen");
        MimeMessage toIt = awaitMailWithSubject(itService, "Radering av personuppgifter");
        assertThat(Mails.text(toWorkshop)).contains(name).contains(email).contains("Työpajan osallistujalista");
        // the register change happened before anyone was told
        assertThat(jdbc.sql("select count(*) from contact where id = :c").param("c", contact).query(Long.class).single())
                .isZero();

        // opening the link changes nothing; the button confirms; a second use is refused
        String workshopLink = Mails.acknowledgementPath(toWorkshop);
        assertThat(http().get(workshopLink).body()).contains("Vahvistan, että ohjetta on noudatettu");
        assertThat(acknowledgedCount(reference)).isZero();
        assertThat(http().post(workshopLink, "text/plain", new byte[0]).statusCode()).isEqualTo(200);
        assertThat(http().post(workshopLink, "text/plain", new byte[0]).statusCode()).isEqualTo(410);
        assertThat(http().post(Mails.acknowledgementPath(toIt), "text/plain", new byte[0]).body()).contains("Tack för bekräftelsen");

        // the signed letter lists both recipients as confirmed
        MimeMessage answer = awaitMailWithSubject(email, "Vastaus poistopyyntöösi");
        Mails.Attachment letter = Mails.attachments(answer).get(0);
        assertThat(SealedPdf.sealIntact(letter.content())).isTrue();
        String letterText = SealedPdf.text(letter.content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains(reference).contains("Työpaja Testi Oy (vahvisti poiston")
                .contains("IT Test Ab (vahvisti poiston").contains("Tietosuojavaltuutetun toimisto");
        // what was erased at once, what stays in its place, and what follows the letter
        assertThat(letterText).contains("Yhteystietosi asiakasrekisteristämme")
                .contains("Lokimme siitä, mille alihankkijoille tietojasi luovutettiin")
                .contains("pseudonymisoitu henkilötieto")
                .contains("Kun jokainen edellä mainittu vastaanottaja on vahvistanut poiston")
                .doesNotContain("Kaikki sinua koskevat tiedot on poistettu");
        // the register held the person: the address is on the newsletter block list, and letter and mail say so
        assertThat(letterText).contains(BLOCK_LIST_FI);
        assertThat(Mails.text(answer)).contains(BLOCK_LIST_MAIL_FI);

        // afterwards the request's own records are reduced, and the process ends
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(ErasureProcess.KEY).finished().count() == 1);

        for (String needle : List.of(email, name)) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                    .as("tables still holding '%s'", needle).isEmpty();
        }
        // what accountability needs is still there
        assertThat(jdbc.sql("select status from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select count(*) from subcontractor_notification n join dsr_request r on r.id = n.request_id "
                + "where r.reference = :r and n.acknowledged_how = 'LINK'").param("r", reference).query(Long.class).single())
                .isEqualTo(2);

        // mails that carry the address or the name went only to the requester and the two subcontractors
        for (String recipient : List.of(email, workshop, itService)) {
            assertThat(TestMailServer.receivedBy(recipient)).isNotEmpty();
        }
        assertThat(DatabaseScan.occurrences(dataSource, "(erased)", table -> table.equals("outbox_mail"))).isNotEmpty();

        // the address can never be added to the newsletter again, in any letter case
        assertThat(signUp.signUp("Someone", email.toUpperCase(), "fi", ConsentChannel.SIGN_UP_FORM))
                .isEqualTo(NewsletterSignUp.Outcome.SUPPRESSED);
        assertThat(DatabaseScan.occurrences(dataSource, email, table -> table.equals("contact"))).isEmpty();
    }

    /**
     * The clean-up waits for the request's last mail, not for a retry: with the production retry cycle of the old
     * failing job (R48/PT30M, which the test configuration no longer shortens), the address and the name stayed in
     * the request's records for half an hour after the letter had gone.
     */
    @Test
    void theRequestsOwnRecordsLoseAddressAndNameWithinAMinuteOfTheLettersDelivery() throws Exception {
        String email = uniqueAddress("heti.pois");
        String name = "Heti Pois-" + letters(email);
        register.subscriber(name, email, "fi");

        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"DELETION","email":"%s","name":"%s","language":"fi"}""".formatted(email, name)).body())
                .get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        completeAssessment(reference, false);
        awaitMailWithSubject(email, "Vastaus poistopyyntöösi");

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String needle : List.of(email, name)) {
                assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                        .as("tables still holding '%s'", needle).isEmpty();
            }
        });
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey(ErasureProcess.KEY).finished().count() == 1);
    }

    @Test
    void anErasureAfterAChangeOfAddressAndNameLeavesNeitherTheOldNorTheNewAnywhere() throws Exception {
        String oldEmail = uniqueAddress("vanha.osoite");
        String newEmail = uniqueAddress("uusi.osoite");
        String oldName = "Vanha Nimi-" + letters(oldEmail);
        String newName = "Uusi Nimi-" + letters(newEmail);
        register.subscriber(oldName, oldEmail, "fi");

        // first the person corrects name and address (the new address confirmed by its link) ...
        String rectification = json.readTree(http().postJson("/api/requests", """
                {"type":"RECTIFICATION","email":"%s","language":"fi","details":"Uusi nimi ja osoite"}"""
                .formatted(oldEmail)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(oldEmail, "Vahvista")), "text/plain", new byte[0]);
        Http staff = http();
        StaffUsers.login(staff, "erasurestaff", "s3cret-erasure");
        // the decision form's save button appears once the decision task is open
        String page = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + rectification
                + "/rectification").body(), body -> body.contains("Tallenna päätös"));
        HttpResponse<String> decided = staff.postForm("/staff/requests/" + rectification + "/rectification", List.of(
                Map.entry("value.NAME", newName), Map.entry("value.EMAIL", newEmail), Map.entry("approve", "NAME"),
                Map.entry("approve", "EMAIL"), Map.entry("_csrf", StaffUsers.csrf(page))));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
        http().post(Mails.addressConfirmationPath(awaitMailWithSubject(newEmail, "Vahvista uusi")), "text/plain",
                new byte[0]);
        awaitMailWithSubject(newEmail, "Vastaus korjauspyyntöösi");

        // ... then asks for erasure from the new address
        String erasure = json.readTree(http().postJson("/api/requests", """
                {"type":"DELETION","email":"%s","language":"fi"}""".formatted(newEmail)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(newEmail, "Vahvista tietosuojapyyntösi " + erasure)),
                "text/plain", new byte[0]);
        completeAssessment(erasure, false);
        awaitMailWithSubject(newEmail, "Vastaus poistopyyntöösi");
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(erasure).processDefinitionKey(ErasureProcess.KEY).finished().count() == 1);

        for (String needle : List.of(oldEmail, newEmail, oldName, newName)) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                    .as("tables still holding '%s'", needle).isEmpty();
        }
        assertThat(jdbc.sql("select status from dsr_request where reference = :r").param("r", rectification)
                .query(String.class).single()).isEqualTo("COMPLETED");
    }

    /**
     * Every module that took part answers for its rows: the access extract and the staff note of an earlier access
     * request, the scanned letter of the erasure request itself (its file name, its bytes and a signer's subject),
     * a manager's reason for extending the deadline, the mails and letters of both. Before each module erased its
     * own data, {@code access_extract}, {@code request_note}, {@code request_evidence} and the extension's reason
     * kept the address and the name.
     */
    @Test
    void anErasureAfterAnAnsweredAccessRequestWithANoteAndAScannedLetterLeavesNothingAnywhere() throws Exception {
        String email = uniqueAddress("kaikki.pois");
        String name = "Kaikki Pois-" + letters(email);
        register.subscriber(name, email, "fi");
        Http staff = http();
        StaffUsers.login(staff, "erasurestaff", "s3cret-erasure");
        String[] auth = Http.basicAuth("erasurestaff", "s3cret-erasure");

        // an access request, answered, with a staff note that names the person
        String access = json.readTree(http().postJson("/api/requests", """
                {"type":"ACCESS","email":"%s","name":"%s","language":"fi"}""".formatted(email, name)).body())
                .get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        JsonNode review = Awaitility.await().atMost(PATIENCE).until(() -> json.readTree(staff.get(
                "/engine-rest/task?processInstanceBusinessKey=" + access + "&taskDefinitionKey=UserTask_ReviewExtract",
                auth).body()), tasks -> tasks.size() == 1).get(0);
        String page = staff.get("/staff/requests/" + access).body();
        assertThat(staff.postForm("/staff/requests/" + access + "/notes", Map.of("text",
                "Soitin: " + name + " vahvisti osoitteen " + email, "_csrf", StaffUsers.csrf(page))).statusCode())
                .isEqualTo(302);
        assertThat(staff.postJson("/engine-rest/task/" + review.get("id").asText() + "/complete",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}", auth)
                .statusCode()).isEqualTo(204);
        awaitMailWithSubject(email, "Vastaus tietopyyntöösi");
        assertThat(DatabaseScan.occurrences(dataSource, email, table -> table.equals("access_extract"))).isNotEmpty();

        // then a signed letter asking for erasure, scanned and registered by staff
        String form = staff.get("/staff/requests/new").body();
        String receivedAt = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Helsinki")).minusHours(1)
                .withSecond(0).withNano(0).toString();
        // a JPEG (recognised by its first bytes) whose bytes carry the person's name and address, as a scan's text would
        byte[] text = (" scanned letter of " + name + ", " + email).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] jpeg = java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0},
                4 + text.length);
        System.arraycopy(text, 0, jpeg, 4, text.length);
        HttpResponse<String> registered = staff.postMultipart("/staff/requests/new", Map.of("type", "DELETION",
                        "email", email, "name", name, "language", "fi", "receivedVia", "LETTER", "receivedAt", receivedAt,
                        "_csrf", StaffUsers.csrf(form)),
                "evidence", name + ".jpg", "image/jpeg", jpeg);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        String erasure = registered.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        // a digitally signed request names its signer; our test seal cannot sign as the person, so write what the
        // signature check would have stored for a certificate in the person's name
        jdbc.sql("""
                        update request_evidence set signer_subject = :subject
                        where request_id = (select id from dsr_request where reference = :r)""")
                .param("subject", "CN=" + name + ", E=" + email).param("r", erasure).update();
        JsonNode check = Awaitility.await().atMost(PATIENCE).until(() -> json.readTree(staff.get(
                "/engine-rest/task?processInstanceBusinessKey=" + erasure + "&taskDefinitionKey=UserTask_CheckSignedRequest",
                auth).body()), tasks -> tasks.size() == 1).get(0);
        assertThat(staff.postJson("/engine-rest/task/" + check.get("id").asText() + "/complete",
                "{\"variables\":{\"identityConfirmed\":{\"value\":true,\"type\":\"Boolean\"}}}", auth)
                .statusCode()).isEqualTo(204);
        // a manager extends the deadline with a reason that names the person
        assertThat(deadlines.extend(erasure, "Odotamme, että " + name + " täsmentää pyyntöä", "erasure-manager")
                .extended()).isTrue();
        completeAssessment(erasure, false);
        awaitMailWithSubject(email, "Vastaus poistopyyntöösi");
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(erasure).processDefinitionKey("erasure").finished().count() == 1);

        for (String needle : List.of(email, name)) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                    .as("tables still holding '%s'", needle).isEmpty();
        }
        // accountability: both requests are still there, answered, with their letters' records
        assertThat(jdbc.sql("select count(*) from dsr_request where reference in (:r) and status = 'COMPLETED'")
                .param("r", List.of(access, erasure)).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("""
                        select count(*) from request_evidence e join dsr_request r on r.id = e.request_id
                        where r.reference = :r""").param("r", erasure).query(Long.class).single()).isEqualTo(1);
    }

    /** Letters made of an address's random part: names take letters only. */
    private static String letters(String address) {
        return address.substring(address.indexOf('@') - 8, address.indexOf('@')).chars()
                .mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 16)))).reduce("", String::concat);
    }

    @Test
    void invoicingRecordsAreKeptUntilTheirPurgeDateAndTheLetterSaysSo() throws Exception {
        String email = uniqueAddress("laskutettu");
        long contact = register.subscriber("Laskutettu Asiakas", email, "en");
        LocalDate purge = LocalDate.now().plusYears(5).withMonth(12).withDayOfMonth(31);
        // a number of its own: a database kept from an earlier run still holds the earlier run's link
        String invoice = "INV-2025-" + contact;
        register.invoice(contact, invoice, LocalDate.now().minusMonths(3), purge);

        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"DELETION","email":"%s","language":"en"}""".formatted(email)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm")), "text/plain", new byte[0]);
        completeAssessment(reference, true);

        MimeMessage answer = awaitMailWithSubject(email, "Answer to your erasure request");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("Accounting Act").contains(String.valueOf(purge.getYear()));
        // the kept invoice links are named under "What we keep", not among the erased data; nobody had the data
        assertThat(letterText).contains("What we keep We keep your name, together with the numbers and dates of the "
                        + "invoices issued to you, until")
                .contains("Your contact details in our customer register")
                .doesNotContain("Invoicing data linked to you").doesNotContain("Our log of which subcontractors")
                .contains("not been disclosed to any recipient");
        assertThat(jdbc.sql("select count(*) from contact where id = :c").param("c", contact).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select customer_name from invoice_link where invoice_number = :n").param("n", invoice)
                .query(String.class).single()).isEqualTo("Laskutettu Asiakas");
        assertThat(jdbc.sql("select erasure_scope from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("PARTIAL");
    }

    /**
     * An address the register never held gets no suppression entry ({@code ErasureSuppressionTest}): its letter and
     * mail say so and mention no block list, in the words the letter and the mail of an erasure that found the person
     * use (asserted in the first test).
     */
    @Test
    void anErasureThatFindsNothingHeldMentionsNoBlockList() throws Exception {
        String email = uniqueAddress("ei.rekisterissa");
        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"DELETION","email":"%s","language":"fi"}""".formatted(email)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        completeAssessment(reference, false);

        MimeMessage answer = awaitMailWithSubject(email, "Vastaus poistopyyntöösi");
        Mails.Attachment letter = Mails.attachments(answer).get(0);
        assertThat(SealedPdf.sealIntact(letter.content())).isTrue();
        String letterText = SealedPdf.text(letter.content()).replaceAll("\\s+", " ");
        assertThat(jdbc.sql("select erasure_scope from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("NOTHING_HELD");
        assertThat(letterText).contains(reference).contains("Asiakasrekisterissämme ei ollut tietoja")
                .contains("pseudonymisoitu henkilötieto").contains("Tietosuojavaltuutetun toimisto")
                .doesNotContain(BLOCK_LIST_FI).doesNotContain("estolista").doesNotContain("uutiskirje");
        String mail = Mails.text(answer);
        assertThat(mail).contains(reference).contains("Asiakasrekisterissämme ei ollut tietoja")
                .doesNotContain(BLOCK_LIST_MAIL_FI).doesNotContain("uutiskirje").doesNotContain("estolista");
        assertThat(jdbc.sql("select letter_type from response_letter l join dsr_request r on r.id = l.request_id"
                + " where r.reference = :r").param("r", reference).query(String.class).list())
                .contains("ERASURE_NOTHING_HELD");
    }

    /** The letter's block-list sentence, and the mail's, of an erasure that found the person (Finnish). */
    private static final String BLOCK_LIST_FI = "Se on uutiskirjeen estolistallamme";
    private static final String BLOCK_LIST_MAIL_FI = "jotta osoitettasi ei enää lisätä uutiskirjeen vastaanottajaksi";

    private void completeAssessment(String reference, boolean keepInvoicingRecords) throws Exception {
        Http staff = http();
        String[] auth = Http.basicAuth("erasurestaff", "s3cret-erasure");
        JsonNode task = Awaitility.await().atMost(PATIENCE).until(() -> json.readTree(staff.get(
                "/engine-rest/task?processInstanceBusinessKey=" + reference + "&taskDefinitionKey=" + ErasureProcess.TASK_ASSESS_ERASURE,
                auth).body()), tasks -> tasks.size() == 1).get(0);
        // without the yes or no, nothing is erased and the task stays: "not stated" must not mean "erase invoices too"
        HttpResponse<String> unstated = staff.postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\":{}}", auth);
        assertThat(unstated.statusCode()).as(unstated.body()).isEqualTo(400);
        assertThat(unstated.body()).contains(ErasureProcess.KEEP_INVOICING_RECORDS);
        HttpResponse<String> done = staff.postJson("/engine-rest/task/" + task.get("id").asText() + "/complete", """
                {"variables":{"%s":{"value":%s,"type":"Boolean"}}}""".formatted(ErasureProcess.KEEP_INVOICING_RECORDS,
                keepInvoicingRecords), auth);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private long acknowledgedCount(String reference) {
        return jdbc.sql("select count(*) from subcontractor_notification n join dsr_request r on r.id = n.request_id "
                + "where r.reference = :r and n.acknowledged_at is not null").param("r", reference).query(Long.class).single();
    }

}
