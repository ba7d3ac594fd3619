package fi.kivaq.dsr.request;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterService;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.support.EvidencePdfs;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that staff register from a letter, an e-mail or a phone call, with or without a signed request. */
class StaffRegistrationTest extends IntegrationTest {

    static final String STAFF_USER = "registering-staff";
    static final String STAFF_PASSWORD = "s3cret-registering";
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1};

    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    LetterService letters;
    @Autowired
    DeadlineCalculator deadlines;
    @Autowired
    TestRegister register;

    /** A certification authority made here; the test profile's trust store is this file. */
    static final EvidencePdfs.Signer AUTHORITY = EvidencePdfs.authority("Staff Registration Test CA");

    @BeforeAll
    static void trustTheTestAuthority() {
        EvidencePdfs.writePem(java.nio.file.Path.of("target/test-evidence/trusted.pem"), AUTHORITY.certificate());
    }

    @BeforeEach
    void staffUser() {
        if (identityService.createUserQuery().userId(STAFF_USER).count() == 0) {
            User user = identityService.newUser(STAFF_USER);
            user.setPassword(STAFF_PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(STAFF_USER, StaffGroups.STAFF);
        }
    }

    @Test
    void aLetterReceivedInThePastKeepsItsDateAndDeadlineAndItsScanIsCheckedByStaff() {
        String email = uniqueAddress("kirje");
        Http staff = loggedIn();
        HttpResponse<String> registered = submit(staff, fields("ACCESS", email, "LETTER", "2026-01-31T10:00"),
                "kirje.jpg", "image/jpeg", JPEG);
        String reference = referenceOf(registered);

        Instant receivedAt = OffsetDateTime.parse("2026-01-31T10:00+02:00").toInstant();
        Map<String, Object> row = jdbc.sql("""
                        select received_at, due_date, received_via, registered_by, channel, verification_state
                        from dsr_request where reference = :r""").param("r", reference).query().singleRow();
        assertThat(((java.sql.Timestamp) toTimestamp(row.get("received_at"))).toInstant()).isEqualTo(receivedAt);
        // received Sat 31 Jan 2027-style rule: 28 Feb 2026 is a Saturday, so Monday 2 March
        assertThat(dateOf(row.get("due_date"))).isEqualTo(LocalDate.of(2026, 3, 2))
                .isEqualTo(deadlines.dueDate(receivedAt));
        assertThat(row.get("received_via")).isEqualTo("LETTER");
        assertThat(row.get("registered_by")).isEqualTo(STAFF_USER);
        assertThat(row.get("channel")).isEqualTo("STAFF");
        assertThat(row.get("verification_state")).isEqualTo("NOT_REQUIRED");
        assertThat(jdbc.sql("""
                        select content_type, signature_state from request_evidence e join dsr_request r on r.id = e.request_id
                        where r.reference = :r""").param("r", reference).query((rs, i) ->
                rs.getString(1) + "/" + rs.getString(2)).single()).isEqualTo("image/jpeg/NONE");

        String page = staff.get("/staff/requests/" + reference).body();
        assertThat(page).contains("31.1.2026 10.00").contains("2.3.2026").contains("kirjeellä").contains("kirje.jpg");

        // no link is mailed: staff check the signed letter instead
        Task check = awaitTask(reference, "UserTask_CheckSignedRequest");
        assertThat(TestMailServer.receivedBy(email)).isEmpty();
        // Tasklist finds the task's form (in the called identity proof), which it fetches from our staff pages
        HttpResponse<String> form = http().get("/engine-rest/task/" + check.getId() + "/form",
                Http.basicAuth(STAFF_USER, STAFF_PASSWORD));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("embedded:/staff/task-forms/check-signed-request");
        // completed without its yes or no, the task is refused with a message and stays open
        HttpResponse<String> undecided = http().postJson("/engine-rest/task/" + check.getId() + "/complete",
                "{\"variables\":{}}", Http.basicAuth(STAFF_USER, STAFF_PASSWORD));
        assertThat(undecided.statusCode()).as(undecided.body()).isEqualTo(400);
        assertThat(undecided.body()).contains("identityConfirmed");
        assertThat(taskService.createTaskQuery().taskId(check.getId()).count()).isEqualTo(1);
        HttpResponse<String> done = http().postJson("/engine-rest/task/" + check.getId() + "/complete",
                "{\"variables\":{\"identityConfirmed\":{\"value\":true,\"type\":\"Boolean\"}}}",
                Http.basicAuth(STAFF_USER, STAFF_PASSWORD));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

        MimeMessage receipt = awaitMailWithSubject(email, "Tietopyyntösi on vastaanotettu");
        assertThat(Mails.text(receipt)).contains("2.3.2026");
        String receiptLetter = SealedPdf.text(Mails.attachments(receipt).get(0).content());
        assertThat(receiptLetter).contains("31.1.2026").contains("2.3.2026");
        // not in the register: the "no data" answer follows without a review
        awaitMailWithSubject(email, "Vastaus tietopyyntöösi");
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("Vahvista"));

        // viewing the evidence is audited
        assertThat(staff.get(page.contains("/evidence/") ? evidenceLink(page) : "/missing").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_log where reference = :r and action = 'VIEW_EVIDENCE' and actor = :a")
                .param("r", reference).param("a", STAFF_USER).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPdfSignedWithATrustedCertificateInTheRegistersNameNeedsNoFurtherCheck() {
        String email = uniqueAddress("allekirjoitettu");
        register.subscriber("Allekirjoittava Asiakas", email, "fi");
        Http staff = loggedIn();
        HttpResponse<String> registered = submit(staff, fields("ACCESS", email, "EMAIL", "2026-11-01T09:30"),
                "pyynto.pdf", "application/pdf", signedBy("CN=ALLEKIRJOITTAVA ASIAKAS 999198153"));
        String reference = referenceOf(registered);

        Task review = awaitTask(reference, "UserTask_ReviewExtract");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_CheckSignedRequest").count()).isZero();
        awaitMailWithSubject(email, "Tietopyyntösi on vastaanotettu");
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("Vahvista"));
        assertThat(review).isNotNull();
        assertThat(staff.get("/staff/requests/" + reference).body()).contains("ALLEKIRJOITTAVA ASIAKAS")
                .contains("Todistaa henkilöllisyyden")
                // no time-stamp: the page says the time is only the signer's claim
                .contains("vain allekirjoittajan oman ilmoituksen mukaan");
        assertThat(jdbc.sql("""
                        select count(*) from request_evidence e join dsr_request r on r.id = e.request_id
                        where r.reference = :r and e.signed_at is not null and e.signing_time_stamped = false""")
                .param("r", reference).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeletionWithATrustedSignatureInTheRegistersNameGoesStraightToTheAssessmentWithoutALink() {
        String email = uniqueAddress("poisto-allekirjoitettu");
        register.subscriber("Allekirjoittava Poistaja", email, "fi");
        String reference = referenceOf(submit(loggedIn(), fields("DELETION", email, "EMAIL", "2026-11-20T09:30"),
                "pyynto.pdf", "application/pdf", signedBy("CN=Allekirjoittava Poistaja")));

        assertThat(awaitTask(reference, "UserTask_AssessErasure")).isNotNull();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_CheckSignedRequest").count()).isZero();
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("Vahvista"));
    }

    @Test
    void aDeletionSignedWithASelfMadeCertificateInTheRequestersNameGoesToStaffWithTheReason() {
        String email = uniqueAddress("aino-vaarennos");
        register.subscriber("Aino Virtanen", email, "fi");
        byte[] forged = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa kaikki tietoni"),
                EvidencePdfs.selfSigned("CN=Aino Virtanen, O=Forged"));
        Http staff = loggedIn();
        String reference = referenceOf(submit(staff, fields("DELETION", email, "EMAIL", "2026-11-20T09:30"),
                "pyynto.pdf", "application/pdf", forged));

        assertThat(awaitTask(reference, "UserTask_CheckSignedRequest")).isNotNull();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("UserTask_AssessErasure").count()).isZero();
        assertThat(signatureState(reference)).isEqualTo("UNTRUSTED");
        String page = staff.get("/staff/requests/" + reference).body();
        assertThat(page).contains("Ei todista henkilöllisyyttä").contains("luotettu varmentaja")
                .contains("CN=Aino Virtanen").contains("O=Forged");
        // the same page in English tells the same
        Http english = staff;
        english.get("/?lang=en");
        assertThat(english.get("/staff/requests/" + reference).body())
                .contains("Does not prove identity: the certificate is not from a trusted certification authority");
    }

    @Test
    void aTrustedSignatureOfSomeoneElseAndKivaQsOwnSealedLetterWithTextAddedProveNothing() {
        Http staff = loggedIn();
        String email = uniqueAddress("aino-vaara-nimi");
        register.subscriber("Aino Virtanen", email, "fi");
        String wrongName = referenceOf(submit(staff, fields("DELETION", email, "EMAIL", "2026-11-20T09:30"),
                "pyynto.pdf", "application/pdf", signedBy("CN=Mikko Korhonen")));
        assertThat(awaitTask(wrongName, "UserTask_CheckSignedRequest")).isNotNull();
        assertThat(signatureState(wrongName)).isEqualTo("NAME_MISMATCH");
        assertThat(staff.get("/staff/requests/" + wrongName).body()).contains("varmenteen nimi ei vastaa rekisterissä");

        String other = uniqueAddress("lisatty");
        register.subscriber("Allekirjoittaja", other, "fi");
        byte[] sealed = signedPdf();
        assertThat(SealedPdf.sealIntact(sealed)).isTrue();
        byte[] appended = EvidencePdfs.withAppendedText(sealed, "Poistakaa myös kaikki muut tiedot");
        String added = referenceOf(submit(staff, fields("DELETION", other, "EMAIL", "2026-11-20T09:30"),
                "kivaq-kirje.pdf", "application/pdf", appended));
        assertThat(awaitTask(added, "UserTask_CheckSignedRequest")).isNotNull();
        assertThat(signatureState(added)).isEqualTo("PARTIAL");
        assertThat(staff.get("/staff/requests/" + added).body()).contains("lisätty sisältöä allekirjoituksen jälkeen");
    }

    @Test
    void aDecompressionBombIsRefusedWithAMessageAndNothingIsStored() {
        Http staff = loggedIn();
        long requests = requestCount();
        long evidence = evidenceCount();
        byte[] bomb = EvidencePdfs.crossReferenceBomb(300L << 20);

        HttpResponse<String> refused = submit(staff, fields("DELETION", uniqueAddress("pommi"), "LETTER", "2026-11-02T10:00"),
                "pyynto.pdf", "application/pdf", bomb);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("purkautuu liian suureksi").contains("Mitään ei tallennettu");
        assertThat(requestCount()).isEqualTo(requests);
        assertThat(evidenceCount()).isEqualTo(evidence);
        // the server is still there and checks the next file
        String next = referenceOf(submit(staff, fields("ACCESS", uniqueAddress("seuraava"), "LETTER", "2026-11-02T10:00"),
                "kirje.pdf", "application/pdf", EvidencePdfs.letter("Haluan nähdä tietoni")));
        assertThat(next).startsWith("DSR-");
    }

    @Test
    void aPdfWithJavaScriptIsRefusedAndAHostileFileNameIsStoredAndServedSafely() {
        Http staff = loggedIn();
        long evidence = evidenceCount();
        HttpResponse<String> script = submit(staff, fields("ACCESS", uniqueAddress("skripti"), "LETTER", "2026-11-02T10:00"),
                "pyynto.pdf", "application/pdf", EvidencePdfs.letterWithJavaScript());
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body()).contains("JavaScriptiä").contains("Mitään ei tallennettu");
        assertThat(evidenceCount()).isEqualTo(evidence);

        String reference = referenceOf(submit(staff, fields("ACCESS", uniqueAddress("nimi"), "LETTER", "2026-11-02T10:00"),
                "..\\..\\C:/temp/<kirje>\u202Egpj.html", "image/jpeg", JPEG));
        String stored = jdbc.sql("""
                        select file_name from request_evidence e join dsr_request r on r.id = e.request_id
                        where r.reference = :r""").param("r", reference).query(String.class).single();
        assertThat(stored).isEqualTo("kirje_gpj.jpg");
        String page = staff.get("/staff/requests/" + reference).body();
        HttpResponse<byte[]> file = staff.getBytes(evidenceLink(page));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;").contains("kirje_gpj.jpg").doesNotContain("html").doesNotContain("\u202E");
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/jpeg");
        assertThat(file.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
    }

    @Test
    void aScannedLetterAskingForDeletionIsCheckedByStaffAndAnUnconvincingOneFallsBackToTheLink() {
        Http staff = loggedIn();
        String convincing = uniqueAddress("poisto-kirje");
        String accepted = referenceOf(submit(staff, fields("DELETION", convincing, "LETTER", "2026-11-20T09:30"),
                "kirje.jpg", "image/jpeg", JPEG));
        taskService.complete(awaitTask(accepted, "UserTask_CheckSignedRequest").getId(),
                Map.of(ProcessVariables.IDENTITY_CONFIRMED, true));
        assertThat(awaitTask(accepted, "UserTask_AssessErasure")).isNotNull();
        assertThat(TestMailServer.receivedBy(convincing)).noneMatch(m -> Mails.subject(m).contains("Vahvista"));

        String unconvincing = uniqueAddress("poisto-epavarma");
        String refused = referenceOf(submit(staff, fields("DELETION", unconvincing, "LETTER", "2026-11-20T09:30"),
                "kirje.jpg", "image/jpeg", JPEG));
        taskService.complete(awaitTask(refused, "UserTask_CheckSignedRequest").getId(),
                Map.of(ProcessVariables.IDENTITY_CONFIRMED, false));
        assertThat(Mails.text(awaitMailWithSubject(unconvincing, "Vahvista"))).contains(refused);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(refused)
                .taskDefinitionKey("UserTask_AssessErasure").count()).isZero();
    }

    @Test
    void aScannedLetterAskingForACorrectionIsCheckedByStaffBeforeTheDecision() {
        String email = uniqueAddress("oikaisu-kirje");
        register.subscriber("Kirjeen Lähettäjä", email, "fi");
        Map<String, String> fields = fields("RECTIFICATION", email, "LETTER", "2026-11-20T09:30");
        fields.put("details", "Sukunimeni on nyt Lähettäjä-Uusi");
        String reference = referenceOf(submit(loggedIn(), fields, "kirje.jpg", "image/jpeg", JPEG));

        taskService.complete(awaitTask(reference, "UserTask_CheckSignedRequest").getId(),
                Map.of(ProcessVariables.IDENTITY_CONFIRMED, true));
        assertThat(awaitTask(reference, "UserTask_DecideRectification")).isNotNull();
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("Vahvista"));
    }

    @Test
    void aPhoneCallWithoutEvidenceGetsTheVerificationLink() {
        String email = uniqueAddress("puhelin");
        Http staff = loggedIn();
        String reference = referenceOf(submit(staff, fields("ACCESS", email, "PHONE", "2026-11-20T14:00"),
                null, null, null));
        // the request's page, where the registration leads, says that it was registered, once
        assertThat(org.jsoup.Jsoup.parse(staff.get("/staff/requests/" + reference).body()).select("#flash").text())
                .isEqualTo("Pyyntö " + reference + " kirjattiin. Määräaika on laskettu saapumisajasta.");
        assertThat(org.jsoup.Jsoup.parse(staff.get("/staff/requests/" + reference).body()).select("#flash")).isEmpty();
        assertThat(Mails.text(awaitMailWithSubject(email, "Vahvista"))).contains(reference);
        assertThat(jdbc.sql("select verification_state from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("PENDING");
    }

    @Test
    void badUploadsAreRefusedWithAClearMessageAndNothingIsStored() {
        Http staff = loggedIn();
        long requests = requestCount();
        long evidence = evidenceCount();

        HttpResponse<String> wrongType = submit(staff, fields("ACCESS", uniqueAddress("vaara"), "LETTER", "2026-11-02T10:00"),
                "kirje.pdf", "application/pdf", "GIF89a pretending to be a PDF".getBytes());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("PDF-, JPEG- tai PNG-tiedosto").contains("Mitään ei tallennettu");

        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, huge, 0, 9);
        HttpResponse<String> oversize = submit(staff, fields("ACCESS", uniqueAddress("iso"), "LETTER", "2026-11-02T10:00"),
                "iso.pdf", "application/pdf", huge);
        assertThat(oversize.statusCode()).isEqualTo(400);
        assertThat(oversize.body()).contains("liian suuri (enintään 5 Mt)");

        byte[] broken = signedPdf();
        assertThat(SealedPdf.sealIntact(broken)).isTrue();
        broken[10] ^= 0x01; // inside the header's binary comment: still a readable PDF, but no longer what was signed
        assertThat(SealedPdf.sealIntact(broken)).isFalse();
        HttpResponse<String> tampered = submit(staff, fields("ACCESS", uniqueAddress("muutettu"), "LETTER", "2026-11-02T10:00"),
                "allekirjoitettu.pdf", "application/pdf", broken);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("allekirjoitus ei ole eheä").contains("Mitään ei tallennettu");

        HttpResponse<String> future = submit(staff, fields("ACCESS", uniqueAddress("tuleva"), "LETTER", "2099-01-01T10:00"),
                null, null, null);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("ei voi olla tulevaisuudessa");

        assertThat(requestCount()).isEqualTo(requests);
        assertThat(evidenceCount()).isEqualTo(evidence);
    }

    private Http loggedIn() {
        Http http = http();
        String page = http.get("/login").body();
        HttpResponse<String> login = http.postForm("/login", Map.of("username", STAFF_USER, "password", STAFF_PASSWORD,
                "_csrf", csrf(page)));
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return http;
    }

    private static Map<String, String> fields(String type, String email, String via, String receivedAt) {
        Map<String, String> fields = new HashMap<>();
        fields.put("type", type);
        fields.put("email", email);
        fields.put("name", "Kirjeen Lähettäjä");
        fields.put("language", "fi");
        fields.put("receivedVia", via);
        fields.put("receivedAt", receivedAt);
        return fields;
    }

    private HttpResponse<String> submit(Http staff, Map<String, String> fields, String fileName, String type, byte[] file) {
        HttpResponse<String> form = staff.get("/staff/requests/new");
        assertThat(form.statusCode()).isEqualTo(200);
        Map<String, String> all = new HashMap<>(fields);
        all.put("_csrf", csrf(form.body()));
        return staff.postMultipart("/staff/requests/new", all, "evidence", fileName == null ? "" : fileName,
                type == null ? "application/octet-stream" : type, file == null ? new byte[0] : file);
    }

    private static String referenceOf(HttpResponse<String> registered) {
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        String location = registered.headers().firstValue("Location").orElseThrow();
        Matcher m = Pattern.compile("/staff/requests/(DSR-\\d{4}-\\d{5})$").matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return m.group(1);
    }

    private Task awaitTask(String reference, String key) {
        return Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult(), t -> t != null);
    }

    private byte[] signedPdf() {
        return letters.renderSigned(new LetterContent(LetterType.UNSUBSCRIBE_CONFIRMATION, "fi", "DSR-2026-99999",
                "Allekirjoittaja", "signer@test.example", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1),
                null, null, null, List.of(), List.of(), null));
    }

    private static byte[] signedBy(String subject) {
        return EvidencePdfs.signed(EvidencePdfs.letter("Pyydan tietojani"), EvidencePdfs.issuedBy(AUTHORITY, subject));
    }

    private String signatureState(String reference) {
        return jdbc.sql("""
                        select signature_state from request_evidence e join dsr_request r on r.id = e.request_id
                        where r.reference = :r""").param("r", reference).query(String.class).single();
    }

    private long evidenceCount() {
        return jdbc.sql("select count(*) from request_evidence").query(Long.class).single();
    }

    private static String evidenceLink(String page) {
        Matcher m = Pattern.compile("href=\"(/staff/requests/[^\"]+/evidence/\\d+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String csrf(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    private static Object toTimestamp(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return java.sql.Timestamp.from(odt.toInstant());
        }
        return value;
    }

    private static LocalDate dateOf(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
