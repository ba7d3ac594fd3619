package fi.kivaq.dsr.objection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
        String email = uniqueAddress("oikeutettu.etu");
        long contact = register.subscriber("Etu Punnittava", email, "fi");
        String reference = file(email, "fi", "En halua, että tietojani käytetään asiakastyytyväisyyskyselyihin.");
        // not an objection to marketing: the newsletter consent is the person's to keep
        assertThat(register.isSubscribed(contact)).isTrue();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);

        decide(reference, "UPHOLD", "Kyselyt eivät ole tarpeen asiakassuhteen hoitamiseksi.");

        MimeMessage answer = awaitMailWithSubject(email, "Vastaus vastustamisilmoitukseesi");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("Olemme lopettaneet vastustamasi käsittelyn")
                .contains("Vastustit: En halua, että tietojani käytetään asiakastyytyväisyyskyselyihin.")
                .contains("Kyselyt eivät ole tarpeen asiakassuhteen hoitamiseksi.")
                .contains("käräjäoikeu").contains("Tietosuojavaltuutetun toimisto");
        assertThat(register.isSubscribed(contact)).isTrue();
    }

    @Test
    void anObjectionOnLegitimateInterestsMayMeetCompellingGroundsAndTheLetterSaysWhy() throws Exception {
        String email = uniqueAddress("compelling");
        register.subscriber("Compelling Grounds", email, "en");
        String reference = file(email, "en", "Stop keeping my invoices.");
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm")), "text/plain", new byte[0]);

        decide(reference, "REJECT", "The Accounting Act requires us to keep invoices; we use them for nothing else.");

        MimeMessage answer = awaitMailWithSubject(email, "Answer to your objection");
        String letterText = SealedPdf.text(Mails.attachments(answer).get(0).content()).replaceAll("\\s+", " ");
        assertThat(letterText).contains("We continue the processing you objected to")
                .contains("compelling legitimate grounds").contains("You objected: Stop keeping my invoices.")
                .contains("The Accounting Act requires us to keep invoices").contains("district court")
                .contains("Office of the Data Protection Ombudsman");
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

    private void decide(String reference, String outcome, String reasons) throws Exception {
        Http staff = http();
        StaffUsers.login(staff, "objectionstaff", "s3cret-objection");
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
        HttpResponse<String> decided = staff.postForm("/staff/requests/" + reference + "/objection",
                Map.of("outcome", outcome, "reasons", reasons, "_csrf", StaffUsers.csrf(page)));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
    }
}
