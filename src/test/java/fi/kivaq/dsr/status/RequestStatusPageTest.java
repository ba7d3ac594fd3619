package fi.kivaq.dsr.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TestRegister;

/** The requester's status page, reached from the mails: what it shows, when, and to whom. */
class RequestStatusPageTest extends IntegrationTest {

    private static final Pattern STATUS_LINK = Pattern.compile("https?://\\S+(/status/[A-Za-z0-9_-]{43})");
    private static final Pattern REFERENCE = Pattern.compile("DSR-\\d{4}-\\d{5}");

    @Autowired
    TestRegister register;
    @Autowired
    RequestStatusLinks statusLinks;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    @Test
    void everyMailToTheRequesterLeadsToAPageThatFollowsTheRequestAndServesItsLetters() {
        String email = uniqueAddress("status");
        register.subscriber("Saara Statuksinen", email, "fi");
        Http http = http();
        String reference = referenceIn(http.postForm("/request?lang=fi",
                Map.of("type", "UNSUBSCRIBE", "email", email, "name", "Saara Statuksinen")).body());

        MimeMessage verification = awaitMailWithSubject(email, "Vahvista");
        String status = statusPath(verification);

        // before the address is confirmed the page says only that
        HttpResponse<String> pending = http.get(status);
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("Kun olet vahvistanut osoitteesi").doesNotContain(reference);
        assertThat(pending.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        http.post(Mails.verificationPath(verification), "application/x-www-form-urlencoded", new byte[0]);
        MimeMessage answer = awaitMailWithSubject(email, "Uutiskirjeen tilaus on lopetettu");
        String laterStatus = statusPath(answer);
        Awaitility.await().atMost(PATIENCE).until(() -> http.get(laterStatus).body().contains("Olemme vastanneet"));

        // both mails' links show the same request, in the request's language, with nothing personal on the page
        for (String link : List.of(status, laterStatus)) {
            HttpResponse<String> page = http.get(link);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Pyyntösi tila").contains(reference)
                    .contains("uutiskirjeen lopettaminen").contains("Olemme vastanneet pyyntöösi")
                    .contains("Pyyntö vastaanotettu").contains("Osoite vahvistettu")
                    .contains("Vahvistus: uutiskirje lopetettu")
                    .doesNotContain(email).doesNotContain("Saara").doesNotContain("Statuksinen");
        }
        assertThat(http.get(status + "?lang=en").body()).contains("Where your request stands").contains("Answered")
                .containsPattern("\\d{1,2} [A-Z][a-z]+ \\d{4}");

        // the letter listed is the one mailed, byte for byte, and only through this request's link
        Matcher letter = Pattern.compile("href=\"(/status/[A-Za-z0-9_-]{43}/letters/(\\d+))\"")
                .matcher(http.get(status).body());
        assertThat(letter.find()).isTrue();
        HttpResponse<byte[]> pdf = http.getBytes(letter.group(1));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(pdf.body()).isEqualTo(Mails.attachments(answer).get(0).content());
        assertThat(http.getBytes("/status/" + "A".repeat(43) + "/letters/" + letter.group(2)).statusCode()).isEqualTo(404);

        // a made-up, an expired and a revoked link all get the same "not valid" page
        assertThat(http.get("/status/" + "B".repeat(43)).statusCode()).isEqualTo(404);
        jdbc.sql("update verification_token set expires_at = created_at where purpose = 'REQUEST_STATUS' and token_hash = :h")
                .param("h", fi.kivaq.dsr.shared.SecretTokens.hash(status.substring("/status/".length()))).update();
        HttpResponse<String> expired = http.get(status);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(expired.body()).doesNotContain(reference);
        assertThat(http.get(laterStatus).statusCode()).isEqualTo(200);
        statusLinks.revoke(requestId(reference));
        assertThat(http.get(laterStatus).statusCode()).isEqualTo(404);
        assertThat(http.getBytes(letter.group(1)).statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestWhoseAddressWasNeverConfirmedIsNotShown() {
        String email = uniqueAddress("never");
        Http http = http();
        String reference = referenceIn(http.postJson("/api/requests",
                "{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"language\":\"en\"}").body());
        String status = statusPath(awaitMailWithSubject(email, "Please confirm"));
        assertThat(http.get(status).body()).contains("Once you have confirmed your address");

        Job timer = Awaitility.await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                        .processInstanceBusinessKey(reference).processDefinitionKey("address-verification").list().stream()
                        .map(p -> managementService.createJobQuery().processInstanceId(p.getId()).timers().singleResult())
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null),
                job -> job != null);
        managementService.executeJob(timer.getId());
        Awaitility.await().atMost(PATIENCE).until(() -> http.get(status).statusCode() == 404);
        assertThat(http.get(status).body()).doesNotContain(reference);
    }

    @Test
    void mailsToOthersAboutTheRequestCarryNoStatusLink() {
        String email = uniqueAddress("owner");
        String reference = referenceIn(http().postJson("/api/requests",
                "{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"language\":\"fi\"}").body());
        assertThat(statusLinks.urlFor(requestId(reference), email.toUpperCase())).isPresent();
        assertThat(statusLinks.urlFor(requestId(reference), uniqueAddress("someone-else"))).isEmpty();
    }

    private long requestId(String reference) {
        return jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                .query(Long.class).single();
    }

    private static String statusPath(MimeMessage mail) {
        Matcher link = STATUS_LINK.matcher(Mails.text(mail));
        assertThat(link.find()).as("a status link in:\n%s", Mails.text(mail)).isTrue();
        return link.group(1);
    }

    private static String referenceIn(String body) {
        Matcher reference = REFERENCE.matcher(body);
        assertThat(reference.find()).as("a reference in %s", body).isTrue();
        return reference.group();
    }
}
