package fi.kivaq.dsr.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.DatabaseScan;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/**
 * An access request end to end: filed by the API, verified by the mailed link, reviewed by a staff member through
 * {@code /engine-rest}, answered with the signed letter whose data.json matches the register, and nobody else's
 * data in it; the staff page and the letter preview are audited.
 */
class AccessEndToEndTest extends IntegrationTest {

    static final String STAFF_USER = "access-e2e-staff";
    static final String STAFF_PASSWORD = "s3cret-access-staff";
    static final String OUTSIDER = "access-e2e-outsider";
    static final String OUTSIDER_PASSWORD = "s3cret-access-outsider";

    @Autowired
    TestRegister register;
    @Autowired
    IdentityService identityService;
    @Autowired
    HistoryService historyService;
    @Autowired
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void users() {
        user(STAFF_USER, STAFF_PASSWORD, StaffGroups.STAFF);
        user(OUTSIDER, OUTSIDER_PASSWORD, null);
    }

    @Test
    void accessRequestIsVerifiedReviewedAndAnsweredWithTheSignedLetterAndItsData() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 6);
        long organisation = register.organisation("Testilän kunta " + unique, "MUNICIPALITY");
        String email = uniqueAddress("riikka");
        String name = "Riikka Pyytäjä";
        long contact = register.contactPerson(name, email, "fi", organisation, "Hankintapäällikkö");
        register.disclosure(contact, "Työpajaveturit Oy " + unique, "Työpaja 12.3.");
        // a colleague at the same organisation, with her own disclosure: none of it may appear in the answer
        String colleagueEmail = uniqueAddress("kollega");
        long colleague = register.contactPerson("Kaisa Kollega", colleagueEmail, "fi", organisation, "Kirjanpitäjä");
        register.disclosure(colleague, "Salainen Fasilitaattori Ab", "Kollegan työpaja");

        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"ACCESS","email":"%s","name":"%s","language":"fi"}""".formatted(email, name));
        assertThat(filed.statusCode()).isEqualTo(202);
        String reference = json.readTree(filed.body()).get("reference").asText();

        String link = Mails.verificationPath(awaitMailWithSubject(email, "Vahvista"));
        assertThat(http().post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode()).isEqualTo(200);
        MimeMessage receipt = awaitMailWithSubject(email, "Tietopyyntösi on vastaanotettu");
        assertThat(SealedPdf.sealIntact(Mails.attachments(receipt).get(0).content())).isTrue();

        // the review task is in the staff's task list and nobody else's
        JsonNode task = Awaitility.await().atMost(PATIENCE).until(() -> tasks(reference, STAFF_USER, STAFF_PASSWORD),
                list -> list.size() == 1).get(0);
        assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("UserTask_ReviewExtract");
        assertThat(task.get("name").asText()).isEqualTo("Review the access extract");
        assertThat(tasks(reference, OUTSIDER, OUTSIDER_PASSWORD)).isEmpty();
        // the form carries no personal data: only the reference and a link to the staff page
        Http tasklistUser = http();
        login(tasklistUser, STAFF_USER, STAFF_PASSWORD);
        String form = tasklistUser.get("/staff/task-forms/review-access-extract?taskId=" + task.get("id").asText())
                .body();
        assertThat(form).contains("/staff/requests/id/").contains(reference).doesNotContain(email)
                .doesNotContain(name);

        // the staff page shows the request and the extract, and the view is audited
        Http staff = http();
        login(staff, STAFF_USER, STAFF_PASSWORD);
        HttpResponse<String> page = staff.get("/staff/requests/" + reference);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email).contains("Testilän kunta " + unique).contains("Hankintapäällikkö")
                .contains("Työpajaveturit Oy " + unique).contains("Review the access extract")
                .doesNotContain("Kaisa Kollega").doesNotContain("Salainen Fasilitaattori");
        HttpResponse<String> preview = staff.get("/staff/requests/" + reference + "/letter-preview.pdf");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(audit(reference)).contains(STAFF_USER + ":VIEW_EXTRACT", STAFF_USER + ":VIEW_LETTER_PREVIEW");
        // a note stays in our table
        staff.postForm("/staff/requests/" + reference + "/notes",
                Map.of("text", "Tarkistettu, kaikki kunnossa", "_csrf", csrf(page.body())));
        assertThat(staff.get("/staff/requests/" + reference).body()).contains("Tarkistettu, kaikki kunnossa");

        HttpResponse<String> completed = http().postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}",
                Http.basicAuth(STAFF_USER, STAFF_PASSWORD));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);

        MimeMessage answer = awaitMailWithSubject(email, "Vastaus tietopyyntöösi");
        assertThat(TestMailServer.receivedBy(colleagueEmail)).isEmpty();
        List<Mails.Attachment> attachments = Mails.attachments(answer);
        assertThat(attachments).hasSize(1);
        byte[] letter = attachments.get(0).content();
        assertThat(SealedPdf.sealIntact(letter)).isTrue();
        String text = SealedPdf.text(letter);
        assertThat(text).contains(reference).contains(name).contains(email).contains("Testilän kunta " + unique)
                .contains("Työpajaveturit Oy " + unique).contains("Tietosuojavaltuutetun toimisto")
                .doesNotContain("Kaisa Kollega").doesNotContain(colleagueEmail).doesNotContain("Salainen Fasilitaattori")
                .doesNotContain("Kirjanpitäjä");

        JsonNode data = dataJson(letter);
        assertThat(data.get("reference").asText()).isEqualTo(reference);
        JsonNode extract = data.get("data");
        assertThat(extract.at("/contact/name").asText()).isEqualTo(name);
        assertThat(extract.at("/contact/email").asText()).isEqualTo(email);
        assertThat(extract.at("/organisation/name").asText()).isEqualTo("Testilän kunta " + unique);
        assertThat(extract.at("/organisation/role").asText()).isEqualTo("Hankintapäällikkö");
        assertThat(extract.at("/source/channel").asText()).isEqualTo("SURVEY_ORDER_FORM");
        assertThat(extract.get("disclosures")).hasSize(1);
        assertThat(extract.at("/disclosures/0/subcontractor").asText()).isEqualTo("Työpajaveturit Oy " + unique);
        assertThat(extract.at("/disclosures/0/purpose").asText()).isEqualTo("Työpaja 12.3.");
        assertThat(extract.get("consentHistory")).isEmpty();
        String whole = data.toString();
        assertThat(whole).doesNotContain("Kaisa Kollega").doesNotContain(colleagueEmail)
                .doesNotContain("Salainen Fasilitaattori").doesNotContain("Kirjanpitäjä");
        // the file sent is the file kept
        byte[] stored = jdbc.sql("""
                        select l.content from response_letter l join dsr_request r on r.id = l.request_id
                        where r.reference = :r and l.letter_type = 'ACCESS_DATA'""")
                .param("r", reference).query(byte[].class).single();
        assertThat(stored).isEqualTo(letter);

        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).unfinished().count() == 0);
        assertThat(jdbc.sql("select status from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("COMPLETED");
        for (String needle : List.of(email, name, "Tarkistettu, kaikki kunnossa", "Hankintapäällikkö")) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> table.startsWith("act_")))
                    .as("Camunda tables containing '%s'", needle).isEmpty();
        }
        assertThat(DatabaseScan.occurrences(dataSource, "Tarkistettu, kaikki kunnossa", t -> t.equals("request_note")))
                .isNotEmpty();
    }

    @Test
    void staffPagesAreForStaffOnly() {
        Http outsider = http();
        login(outsider, OUTSIDER, OUTSIDER_PASSWORD);
        assertThat(outsider.get("/staff/requests/DSR-2026-00001").statusCode()).isEqualTo(403);
        assertThat(outsider.get("/staff/requests/DSR-2026-00001/letter-preview.pdf").statusCode()).isEqualTo(403);
        assertThat(http().get("/staff/requests/new").statusCode()).isEqualTo(302);
    }

    private JsonNode tasks(String reference, String user, String password) {
        HttpResponse<String> response = http().get("/engine-rest/task?processInstanceBusinessKey="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8), Http.basicAuth(user, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> audit(String reference) {
        return jdbc.sql("select actor, action from audit_log where reference = :r order by id")
                .param("r", reference).query((rs, i) -> rs.getString("actor") + ":" + rs.getString("action")).list();
    }

    private JsonNode dataJson(byte[] letter) throws IOException {
        try (PDDocument document = Loader.loadPDF(letter)) {
            byte[] file = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("data.json")
                    .getEmbeddedFile().toByteArray();
            return json.readTree(new String(file, StandardCharsets.UTF_8));
        }
    }

    static String csrf(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("page carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    static void login(Http http, String user, String password) {
        String page = http.get("/login").body();
        HttpResponse<String> response = http.postForm("/login", Map.of("username", user, "password", password,
                "_csrf", csrf(page)));
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private void user(String id, String password, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(password);
        identityService.saveUser(user);
        if (group != null) {
            identityService.createMembership(id, group);
        }
    }
}
