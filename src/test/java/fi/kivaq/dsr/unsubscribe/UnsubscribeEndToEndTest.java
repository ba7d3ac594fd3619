package fi.kivaq.dsr.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.support.DatabaseScan;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/** Issue 2's unsubscribe paths, through HTTP, a real SMTP server, the engine and the database. */
class UnsubscribeEndToEndTest extends IntegrationTest {

    @Autowired
    TestRegister register;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    javax.sql.DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void formUnsubscribeStopsTheNewsletterAtOnceAndConfirmsByMailOnceTheLinkIsConfirmed() {
        String email = uniqueAddress("aino");
        long contact = register.subscriber("Aino Testinen", email, "fi");
        Http http = http();

        HttpResponse<String> filed = http.postForm("/request?lang=fi", Map.of(
                "type", "UNSUBSCRIBE", "email", email.toUpperCase(), "name", "Aino Testinen"));
        assertThat(filed.statusCode()).isEqualTo(200);
        assertThat(filed.body()).contains("Kiitos, pyyntösi on vastaanotettu").contains("lähettäminen on nyt lopetettu")
                .containsPattern("DSR-\\d{4}-\\d{5}");
        String reference = referenceIn(filed.body());
        // withdrawn in the form's own transaction, before any link: the history names the channel and the request
        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(latestConsentEvent(contact)).isEqualTo("WITHDRAWN REQUEST_FORM " + reference);

        MimeMessage verification = awaitMailWithSubject(email, "Vahvista");
        assertThat(Mails.text(verification)).contains("lähettäminen on jo lopetettu");
        String link = Mails.verificationPath(verification);

        // opening the link (as a mail scanner would) changes nothing
        HttpResponse<String> page = http.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Vahvistan pyynnön").contains("lopetettiin jo pyynnön saapuessa");
        // the signed confirmation goes only to a verified address
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("lopetettu"));

        HttpResponse<String> confirmed = http.post(link, "application/x-www-form-urlencoded", new byte[0]);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("pyyntösi on vahvistettu").contains("allekirjoitetun vahvistuskirjeen");

        MimeMessage confirmation = awaitMailWithSubject(email, "Uutiskirjeen tilaus on lopetettu");
        assertThat(Mails.text(confirmation)).contains("ei enää lähetetä").contains("tietosuojavaltuutetun");

        // the signed confirmation letter is attached, and kept with the request exactly as sent
        List<Mails.Attachment> attachments = Mails.attachments(confirmation);
        assertThat(attachments).hasSize(1);
        Mails.Attachment letter = attachments.get(0);
        assertThat(letter.fileName()).isEqualTo("KivaQ-" + reference + "-vahvistus.pdf");
        assertThat(letter.contentType()).startsWith("application/pdf");
        assertThat(SealedPdf.sealIntact(letter.content())).isTrue();
        assertThat(SealedPdf.text(letter.content())).contains(reference).contains("KivaQ OyAb")
                .contains("Tietosuojavaltuutetun toimisto");
        byte[] stored = jdbc.sql("""
                        select l.content from response_letter l join dsr_request r on r.id = l.request_id
                        where r.reference = :r and l.letter_type = 'UNSUBSCRIBE_CONFIRMATION'""")
                .param("r", reference).query(byte[].class).single();
        assertThat(stored).isEqualTo(letter.content());
        Awaitility.await().atMost(PATIENCE).until(() -> status(reference), "COMPLETED"::equals);
        // the confirmation withdrew nothing more: one withdrawal, the form's
        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(jdbc.sql("select count(*) from newsletter_consent_event where contact_id = :id and kind = 'WITHDRAWN'")
                .param("id", contact).query(Long.class).single()).isEqualTo(1);
        assertThat(latestConsentEvent(contact)).isEqualTo("WITHDRAWN REQUEST_FORM " + reference);
    }

    @Test
    void aFormRequestNeverConfirmedStopsTheNewsletterAtOnceAndForGood() {
        String email = uniqueAddress("silent");
        long contact = register.subscriber("Hiljainen Tilaaja", email, "fi");

        HttpResponse<String> filed = http().postForm("/request?lang=fi", Map.of("type", "UNSUBSCRIBE", "email", email));
        assertThat(filed.statusCode()).isEqualTo(200);
        String reference = referenceIn(filed.body());
        // Art. 7(3), 21(3): stopped by the time the form answers, before anyone opens the mailed link
        assertThat(register.isSubscribed(contact)).as("subscribed right after the form's answer").isFalse();
        assertThat(latestConsentEvent(contact)).isEqualTo("WITHDRAWN REQUEST_FORM " + reference);

        awaitMailWithSubject(email, "Vahvista");
        expireVerificationLink(reference);
        MimeMessage notice = awaitMailWithSubject(email, "ei vahvistettu");
        assertThat(Mails.text(notice)).contains(reference).contains("pysyy lopetettuna");
        Awaitility.await().atMost(PATIENCE).until(() -> status(reference), "CLOSED_UNVERIFIED"::equals);

        assertThat(register.isSubscribed(contact)).as("subscribed after the link expired").isFalse();
        assertThat(latestConsentEvent(contact)).isEqualTo("WITHDRAWN REQUEST_FORM " + reference);
        // no signed letter to an address nobody verified
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("lopetettu"));
        assertThat(jdbc.sql("""
                        select count(*) from response_letter l join dsr_request r on r.id = l.request_id
                        where r.reference = :r""").param("r", reference).query(Long.class).single()).isZero();
    }

    @Test
    void aFormFilingForAnAddressNotInTheRegisterGetsTheIdenticalAnswerAndMail() {
        String known = uniqueAddress("subscribed");
        String unknown = uniqueAddress("stranger");
        long contact = register.subscriber("Tuttu Tilaaja", known, "sv");

        HttpResponse<String> knownFiled = http().postForm("/request?lang=sv", Map.of("type", "UNSUBSCRIBE", "email", known));
        HttpResponse<String> unknownFiled = http().postForm("/request?lang=sv", Map.of("type", "UNSUBSCRIBE", "email", unknown));

        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(knownFiled.statusCode()).isEqualTo(unknownFiled.statusCode()).isEqualTo(200);
        assertThat(normalised(knownFiled.body())).isEqualTo(normalised(unknownFiled.body()));
        assertThat(knownFiled.headers().map().keySet()).isEqualTo(unknownFiled.headers().map().keySet());

        MimeMessage knownMail = awaitMailWithSubject(known, "Bekräfta");
        MimeMessage unknownMail = awaitMailWithSubject(unknown, "Bekräfta");
        assertThat(normalised(Mails.subject(knownMail))).isEqualTo(normalised(Mails.subject(unknownMail)));
        assertThat(normalised(Mails.text(knownMail))).isEqualTo(normalised(Mails.text(unknownMail)));
        // one mail each, nothing else (no "you were unsubscribed" to the subscriber only)
        assertThat(TestMailServer.receivedBy(known)).hasSize(1);
        assertThat(TestMailServer.receivedBy(unknown)).hasSize(1);
        // and the link's page says the same
        HttpResponse<String> knownPage = http().get(Mails.verificationPath(knownMail));
        HttpResponse<String> unknownPage = http().get(Mails.verificationPath(unknownMail));
        assertThat(knownPage.statusCode()).isEqualTo(unknownPage.statusCode()).isEqualTo(200);
        assertThat(normalised(knownPage.body())).isEqualTo(normalised(unknownPage.body()));
    }

    @Test
    void oneClickPostWithdrawsConsentBeforeTheResponseReturns() {
        String email = uniqueAddress("helena");
        long contact = register.subscriber("Helena Testqvist", email, "sv");
        String link = register.unsubscribePath(contact);
        Http http = http();

        // a mail scanner's GET shows a button and changes nothing
        HttpResponse<String> page = http.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Avsluta nyhetsbrevet");
        assertThat(register.isSubscribed(contact)).isTrue();

        // RFC 8058: the mail program POSTs List-Unsubscribe=One-Click
        HttpResponse<String> done = http.post(link, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(done.body()).contains("Prenumerationen på nyhetsbrevet är avslutad");

        MimeMessage confirmation = awaitMailWithSubject(email, "Prenumerationen på nyhetsbrevet är avslutad");
        assertThat(Mails.text(confirmation)).contains("inte längre");
        // no verification mail: the link itself proves control of the address
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("Bekräfta"));

        // clicking again neither fails nor files a second request
        long requests = requestCount();
        assertThat(http.post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes())
                .statusCode()).isEqualTo(200);
        assertThat(requestCount()).isEqualTo(requests);
    }

    @Test
    void anAddressNotInTheRegisterGetsTheSameAnswersAndTheSameMails() throws Exception {
        String known = uniqueAddress("known");
        String unknown = uniqueAddress("unknown");
        register.subscriber("Tuttu Henkilö", known, "en");

        HttpResponse<String> knownFiled = fileByApi(known, "en");
        HttpResponse<String> unknownFiled = fileByApi(unknown, "en");
        assertThat(knownFiled.statusCode()).isEqualTo(unknownFiled.statusCode()).isEqualTo(202);
        assertThat(json.readTree(knownFiled.body()).fieldNames()).toIterable()
                .containsExactlyElementsOf(() -> {
                    try {
                        return json.readTree(unknownFiled.body()).fieldNames();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        MimeMessage knownMail = awaitMailWithSubject(known, "confirm");
        MimeMessage unknownMail = awaitMailWithSubject(unknown, "confirm");
        assertThat(normalised(Mails.text(knownMail))).isEqualTo(normalised(Mails.text(unknownMail)));

        Http http = http();
        HttpResponse<String> knownConfirmed = http.post(Mails.verificationPath(knownMail), "text/plain", new byte[0]);
        HttpResponse<String> unknownConfirmed = http.post(Mails.verificationPath(unknownMail), "text/plain", new byte[0]);
        assertThat(knownConfirmed.statusCode()).isEqualTo(unknownConfirmed.statusCode()).isEqualTo(200);
        assertThat(normalised(knownConfirmed.body())).isEqualTo(normalised(unknownConfirmed.body()));

        String knownConfirmation = Mails.text(awaitMailWithSubject(known, "newsletter is stopped"));
        String unknownConfirmation = Mails.text(awaitMailWithSubject(unknown, "newsletter is stopped"));
        assertThat(normalised(knownConfirmation)).isEqualTo(normalised(unknownConfirmation));
    }

    @Test
    void historyTablesHoldNeitherTheAddressNorTheName() {
        String email = uniqueAddress("privacy");
        String name = "Yksityinen Nimikirjain";
        long contact = register.subscriber(name, email, "fi");
        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","name":"%s","language":"fi","details":"Lopettakaa kiitos"}"""
                .formatted(email, name));
        String reference = json(filed.body(), "reference");
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        awaitMailWithSubject(email, "lopetettu");
        Awaitility.await().atMost(PATIENCE).until(() ->
                historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).unfinished().count() == 0);
        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).count())
                .as("the process and its verification sub-process ran (no deadline watch: answered within minutes)")
                .isEqualTo(2);

        for (String needle : List.of(email, name, "Lopettakaa kiitos")) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> table.startsWith("act_")))
                    .as("Camunda tables containing '%s'", needle).isEmpty();
        }
        // the scan does find what is there: our own request table holds the address
        assertThat(DatabaseScan.occurrences(dataSource, email, table -> table.equals("dsr_request"))).isNotEmpty();
    }

    @Test
    void anUnconfirmedRequestEndsAfterTheLinkExpiresWithAShortNotice() {
        String email = uniqueAddress("late");
        long contact = register.subscriber("Myöhäinen Vastaaja", email, "en");
        String reference = json(fileByApi(email, "en").body(), "reference");
        String link = Mails.verificationPath(awaitMailWithSubject(email, "confirm"));

        expireVerificationLink(reference);

        MimeMessage notice = awaitMailWithSubject(email, "was not confirmed");
        assertThat(Mails.text(notice)).contains(reference).contains("have not sent a confirmation letter")
                .contains("it stays stopped");
        Awaitility.await().atMost(PATIENCE).until(() -> status(reference), "CLOSED_UNVERIFIED"::equals);

        HttpResponse<String> late = http().post(link, "text/plain", new byte[0]);
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("This link has expired");
        // withdrawn when the request was filed, and it stays so
        assertThat(register.isSubscribed(contact)).isFalse();
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("newsletter is stopped"));
    }

    /** The link-validity timer fires (instead of waiting seven days). */
    private void expireVerificationLink(String reference) {
        Job timer = Awaitility.await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                        .processInstanceBusinessKey(reference).processDefinitionKey("address-verification").list().stream()
                        .map(p -> managementService.createJobQuery().processInstanceId(p.getId()).timers().singleResult())
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null),
                job -> job != null);
        managementService.executeJob(timer.getId());
    }

    /** The contact's latest consent event: kind, channel and the reference of the request that caused it. */
    private String latestConsentEvent(long contact) {
        return jdbc.sql("""
                        select e.kind, e.channel, r.reference from newsletter_consent_event e
                        left join dsr_request r on r.id = e.request_id
                        where e.contact_id = :id order by e.occurred_at desc, e.id desc fetch first 1 rows only""")
                .param("id", contact)
                .query((rs, i) -> rs.getString("kind") + " " + rs.getString("channel") + " " + rs.getString("reference"))
                .single();
    }

    @Test
    void reusedMadeUpAndMalformedLinksShowAClearPageAndChangeNothing() {
        String email = uniqueAddress("twice");
        json(fileByApi(email, "fi").body(), "reference");
        String link = Mails.verificationPath(awaitMailWithSubject(email, "Vahvista"));
        Http http = http();
        HttpResponse<String> first = http.post(link, "text/plain", new byte[0]);
        assertThat(first.statusCode()).isEqualTo(200);
        String verifiedAt = jdbc.sql("select cast(verified_at as varchar(64)) from dsr_request where requester_email = :e")
                .param("e", email).query(String.class).single();

        // pressing the button again (or retrying a confirm whose answer was lost): the same success page, nothing done
        HttpResponse<String> reused = http.post(link, "text/plain", new byte[0]);
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).isEqualTo(first.body());
        assertThat(jdbc.sql("select cast(verified_at as varchar(64)) from dsr_request where requester_email = :e")
                .param("e", email).query(String.class).single()).isEqualTo(verifiedAt);
        // opening it again shows no button: the link is used
        HttpResponse<String> reopened = http.get(link);
        assertThat(reopened.statusCode()).isEqualTo(410);
        assertThat(reopened.body()).contains("Tämä linkki on jo käytetty");

        long requests = requestCount();
        for (String path : List.of("/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/verify/short",
                "/verify/%3Cscript%3E", "/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/unsubscribe/x")) {
            HttpResponse<String> get = http.get(path);
            HttpResponse<String> post = http.post(path, "text/plain", new byte[0]);
            assertThat(get.statusCode()).as("GET %s", path).isEqualTo(404);
            assertThat(post.statusCode()).as("POST %s", path).isEqualTo(404);
            assertThat(post.body()).contains("Linkki ei ole voimassa");
        }
        assertThat(requestCount()).isEqualTo(requests);
    }

    private HttpResponse<String> fileByApi(String email, String language) {
        return http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","language":"%s"}""".formatted(email, language));
    }

    private String status(String reference) {
        return jdbc.sql("select status from dsr_request where reference = :r").param("r", reference)
                .query(String.class).single();
    }

    private String json(String body, String field) {
        try {
            return json.readTree(body).get(field).asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String referenceIn(String html) {
        var m = java.util.regex.Pattern.compile("DSR-\\d{4}-\\d{5}").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group();
    }

    /** A text with what must differ between two requests (reference, link token, session ids) blanked out. */
    private static String normalised(String text) {
        return text.replaceAll("DSR-\\d{4}-\\d{5}", "DSR-REF")
                .replaceAll("/verify/[A-Za-z0-9_-]{43}", "/verify/TOKEN")
                .replaceAll("/status/[A-Za-z0-9_-]{43}", "/status/TOKEN")
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"CSRF\"");
    }
}
