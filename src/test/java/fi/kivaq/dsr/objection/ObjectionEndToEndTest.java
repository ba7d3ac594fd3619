package fi.kivaq.dsr.objection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

/**
 * Issue 11's objection (GDPR Art. 21), end to end: to direct marketing it ends the newsletter at once, before the
 * address is proven, and a signed letter confirms it; any other objection goes to staff, who weigh it, and the letter
 * gives the outcome and the reasons with the remedies, both ways.
 */
class ObjectionEndToEndTest extends IntegrationTest {

    @Autowired
    TestRegister register;
    @Autowired
    StaffUsers users;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void staff() {
        users.ensure("objectionstaff", "s3cret-objection", StaffGroups.STAFF);
    }

    @Test
    void anObjectionToDirectMarketingEndsTheNewsletterAtOnceAndIsConfirmedByLetter() throws Exception {
        String email = uniqueAddress("vastustaja");
        long contact = register.subscriber("Markkinoinnin Vastustaja", email, "fi");
        assertThat(register.isSubscribed(contact)).isTrue();

        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"OBJECTION","objectionTo":"DIRECT_MARKETING","email":"%s","language":"fi"}""".formatted(email));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        String reference = json.readTree(filed.body()).get("reference").asText();
        // at once: before the verification link is even opened
        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(jdbc.sql("""
                        select count(*) from newsletter_consent_event e join dsr_request r on r.id = e.request_id
                        where r.reference = :r and e.kind = 'WITHDRAWN'""").param("r", reference)
                .query(Long.class).single()).isEqualTo(1);

        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        MimeMessage answer = awaitMailWithSubject(email, "Vastaus vastustamisilmoitukseesi");
        Mails.Attachment letter = Mails.attachments(answer).get(0);
        assertThat(SealedPdf.sealIntact(letter.content())).isTrue();
        String letterText = SealedPdf.text(letter.content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains(reference).contains("Emme enää lähetä sinulle suoramarkkinointia")
                .contains("päättyi heti").contains("Tietosuojavaltuutetun toimisto");
        assertThat(jdbc.sql("select status from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single()).isEqualTo("COMPLETED");
    }

    @Test
    void anObjectionOnLegitimateInterestsIsWeighedByStaffAndUpheldWithReasons() throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        String name = "Etu Punnittava " + unique;
        String email = uniqueAddress("oikeutettu.etu");
        long contact = register.subscriber(name, email, "fi");
        String reference = file(email, "fi", "En halua, että tietojani käytetään asiakassuhteen hoitoon.");
        // not an objection to marketing: the newsletter consent is the person's to keep
        assertThat(register.isSubscribed(contact)).isTrue();
        Http staff = staffLogin();
        assertThat(staff.get("/staff/contacts?q=" + unique).body()).contains(name);
        assertThat(staff.get("/staff/contacts/export?q=" + unique).body()).contains(name);
        assertThat(staff.get("/staff/contacts/" + contact).statusCode()).isEqualTo(200);
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);

        decide(reference, "UPHOLD", "Asiakassuhteen hoito ei edellytä tietojesi käyttöä.",
                "CUSTOMER_RELATIONSHIP", "REGISTER_EXPORT");

        MimeMessage answer = awaitMailWithSubject(email, "Vastaus vastustamisilmoitukseesi");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("Olemme lopettaneet vastustamasi käsittelyn")
                .contains("Vastustit: En halua, että tietojani käytetään asiakassuhteen hoitoon.")
                .contains("Lopetimme: henkilökuntamme ei enää käytä yhteystietojasi asiakassuhteen hoitoon")
                .contains("Lopetimme: yhteystietojasi ei enää viedä rekisteristämme muihin järjestelmiin")
                .contains("Asiakassuhteen hoito ei edellytä tietojesi käyttöä.")
                .contains("käräjäoikeu").contains("Tietosuojavaltuutetun toimisto");
        // the processing named stopped by itself: the register search, the contact page and the export skip her
        assertThat(staff.get("/staff/contacts?q=" + unique).body()).doesNotContain(name);
        assertThat(staff.get("/staff/contacts/export?q=" + unique).body()).doesNotContain(name);
        assertThat(staff.get("/staff/contacts/export").body()).doesNotContain(email);
        HttpResponse<String> page = staff.get("/staff/contacts/" + contact);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains(reference).doesNotContain(name);
        assertThat(register.isSubscribed(contact)).isTrue();
    }

    /** Each use stops only where it is named: an objection to the exports leaves the search and the page as they were. */
    @Test
    void anUpheldObjectionStopsOnlyTheProcessingItNames() throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        String name = "Export Objector " + unique;
        String email = uniqueAddress("export.objector");
        long contact = register.subscriber(name, email, "en");
        String reference = file(email, "en", "Do not copy my details into spreadsheets.");
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm")), "text/plain", new byte[0]);

        decide(reference, "UPHOLD", "Exports are not needed to serve you.", "REGISTER_EXPORT");

        MimeMessage answer = awaitMailWithSubject(email, "Answer to your objection");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("We stopped: your contact details are no longer exported from our register")
                .doesNotContain("customer relationship management");
        Http staff = staffLogin();
        assertThat(staff.get("/staff/contacts/export?q=" + unique).body()).doesNotContain(name);
        assertThat(staff.get("/staff/contacts?q=" + unique).body()).contains(name);
        assertThat(staff.get("/staff/contacts/" + contact).statusCode()).isEqualTo(200);
    }

    @Test
    void anObjectionOnLegitimateInterestsMayMeetCompellingGroundsAndTheLetterSaysWhy() throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        String email = uniqueAddress("compelling");
        long contact = register.subscriber("Compelling Grounds " + unique, email, "en");
        String reference = file(email, "en", "Stop keeping my invoices.");
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm")), "text/plain", new byte[0]);

        decide(reference, "REJECT", "The Accounting Act requires us to keep invoices; we use them for nothing else.");

        MimeMessage answer = awaitMailWithSubject(email, "Answer to your objection");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("We continue the processing you objected to")
                .contains("compelling legitimate grounds").contains("You objected: Stop keeping my invoices.")
                .contains("The Accounting Act requires us to keep invoices").contains("district court")
                .contains("Office of the Data Protection Ombudsman").doesNotContain("We stopped");
        // not upheld: nothing stops
        Http staff = staffLogin();
        assertThat(staff.get("/staff/contacts?q=" + unique).body()).contains("Compelling Grounds " + unique);
        assertThat(staff.get("/staff/contacts/export?q=" + unique).body()).contains("Compelling Grounds " + unique);
        assertThat(staff.get("/staff/contacts/" + contact).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from contact_objection where contact_id = :c").param("c", contact)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anObjectionSaysWhatItIsToAndAnObjectionOnLegitimateInterestsSaysWhy() throws Exception {
        HttpResponse<String> noTarget = http().postJson("/api/requests", """
                {"type":"OBJECTION","email":"%s","language":"en"}""".formatted(uniqueAddress("no.target")));
        assertThat(noTarget.statusCode()).isEqualTo(400);
        assertThat(noTarget.body()).contains("Please choose what you object to");
        HttpResponse<String> noReason = http().postJson("/api/requests", """
                {"type":"OBJECTION","objectionTo":"LEGITIMATE_INTERESTS","email":"%s","language":"sv"}"""
                .formatted(uniqueAddress("no.reason")));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Berätta vilken behandling");
        HttpResponse<String> unknown = http().postJson("/api/requests", """
                {"type":"OBJECTION","objectionTo":"EVERYTHING","email":"%s","language":"fi"}"""
                .formatted(uniqueAddress("unknown")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Tuntematon valinta");
        HttpResponse<String> restriction = http().postJson("/api/requests", """
                {"type":"RESTRICTION","email":"%s","language":"en"}""".formatted(uniqueAddress("no.details")));
        assertThat(restriction.statusCode()).isEqualTo(400);
        assertThat(restriction.body()).contains("Please tell us what you contest");
    }

    private String file(String email, String language, String details) throws Exception {
        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"OBJECTION","objectionTo":"LEGITIMATE_INTERESTS","email":"%s","language":"%s","details":"%s"}"""
                .formatted(email, language, details));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        return json.readTree(filed.body()).get("reference").asText();
    }

    private Http staffLogin() {
        Http staff = http();
        StaffUsers.login(staff, "objectionstaff", "s3cret-objection");
        return staff;
    }

    private void decide(String reference, String outcome, String reasons, String... uses) throws Exception {
        Http staff = staffLogin();
        String page = Awaitility.await().atMost(PATIENCE).until(() -> staff.get("/staff/requests/" + reference
                + "/objection").body(), body -> body.contains("name=\"outcome\""));
        // completing the task without a recorded decision is refused
        String[] auth = Http.basicAuth("objectionstaff", "s3cret-objection");
        JsonNode task = json.readTree(staff.get("/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=" + ObjectionProcess.TASK_DECIDE_OBJECTION, auth).body()).get(0);
        HttpResponse<String> bare = staff.postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\":{}}", auth);
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(400);
        HttpResponse<String> noReasons = staff.postForm("/staff/requests/" + reference + "/objection",
                Map.of("outcome", outcome, "reasons", "", "_csrf", StaffUsers.csrf(page)));
        assertThat(noReasons.statusCode()).isEqualTo(400);
        if ("UPHOLD".equals(outcome)) {
            // upheld without naming what stops: refused on the page, and by the task listener (a 400 with a sentence)
            HttpResponse<String> nothingStopped = staff.postForm("/staff/requests/" + reference + "/objection",
                    Map.of("outcome", outcome, "reasons", reasons, "_csrf", StaffUsers.csrf(page)));
            assertThat(nothingStopped.statusCode()).isEqualTo(400);
            assertThat(nothingStopped.body()).contains("problem-uses");
            HttpResponse<String> unknownUse = staff.postForm("/staff/requests/" + reference + "/objection",
                    List.of(Map.entry("outcome", outcome), Map.entry("reasons", reasons), Map.entry("stop", "EVERYTHING"),
                            Map.entry("_csrf", StaffUsers.csrf(page))));
            assertThat(unknownUse.statusCode()).isEqualTo(400);
            long requestId = jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                    .query(Long.class).single();
            jdbc.sql("""
                            insert into objection_decision (request_id, compelling_grounds, stopped_uses, reasons,
                                decided_by, decided_at) values (:id, false, '', 'x', 'test', current_timestamp)""")
                    .param("id", requestId).update();
            HttpResponse<String> listener = staff.postJson("/engine-rest/task/" + task.get("id").asText()
                    + "/complete", "{\"variables\":{}}", auth);
            assertThat(listener.statusCode()).as(listener.body()).isEqualTo(400);
            assertThat(listener.body()).contains("An upheld objection must name what it stops");
            jdbc.sql("delete from objection_decision where request_id = :id").param("id", requestId).update();
        }
        List<Map.Entry<String, String>> form = new java.util.ArrayList<>(List.of(Map.entry("outcome", outcome),
                Map.entry("reasons", reasons), Map.entry("_csrf", StaffUsers.csrf(page))));
        for (String use : uses) {
            form.add(Map.entry("stop", use));
        }
        HttpResponse<String> decided = staff.postForm("/staff/requests/" + reference + "/objection", form);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
    }
}
