package fi.kivaq.dsr.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/**
 * Issue 14, item 5: staff write an issue, preview it, test it and send it to 1,000 subscribers through the outbox;
 * each gets one mail in their language with its own working one-click link and the RFC 8058 headers, and a
 * subscriber who unsubscribes while the send is under way gets nothing.
 */
class NewsletterSendTest extends IntegrationTest {

    private static final int SUBSCRIBERS = 1000;
    private static final String EDITOR = "newsletter-editor";
    private static final String PASSWORD = "editor-pass";
    private static final Pattern UNSUBSCRIBE = Pattern.compile("^<(https?://[^>]+(/unsubscribe/[A-Za-z0-9_-]{43}))>$");
    private static final Map<String, String> HEADLINE = Map.of(
            "fi", "Talven koulutukset", "sv", "Vinterns utbildningar", "en", "Winter trainings");

    @Autowired
    TestRegister register;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    IdentityService identityService;
    @Autowired
    NewsletterSuppression suppression;

    @AfterEach
    void release() {
        TestMailServer.clearHook();
    }

    @Test
    void anIssueGoesToEveryLiveSubscriberOnceInTheirLanguageWithItsOwnOneClickLink() throws Exception {
        String editorAddress = uniqueAddress("editor");
        editor(editorAddress);
        Http http = http();
        assertThat(StaffUsers.login(http, EDITOR, PASSWORD).statusCode()).isEqualTo(302);

        String run = uniqueAddress("x").substring(2, 10);
        Map<String, String> languageOf = new HashMap<>();
        List<Long> contacts = new ArrayList<>();
        String[] languages = {"fi", "sv", "en"};
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String email = "reader" + i + "." + run + "@test.example";
            String language = languages[i % 3];
            contacts.add(register.subscriber("Lukija " + i, email, language));
            languageOf.put(email, language);
        }
        // never on the list: one who withdrew, one whose address was suppressed after an erasure
        String withdrawn = uniqueAddress("withdrawn");
        long withdrawnContact = register.subscriber("Entinen Tilaaja", withdrawn, "fi");
        http().post(register.unsubscribePath(withdrawnContact), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes());
        String suppressed = uniqueAddress("suppressed");
        register.subscriber("Poistettu Henkilö", suppressed, "fi");
        suppression.suppress(suppressed);

        // write, preview, test
        String page = http.get("/staff/newsletter").body();
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", StaffUsers.csrf(page));
        HEADLINE.forEach((language, headline) -> {
            form.put("subject_" + language, headline);
            form.put("body_" + language, "Body " + language + "\n\nhttps://kivaq.fi/" + language);
        });
        HttpResponse<String> created = http.postForm("/staff/newsletter", form);
        assertThat(created.statusCode()).isEqualTo(302);
        String issuePath = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        HttpResponse<String> issuePage = http.get(issuePath);
        assertThat(issuePage.statusCode()).isEqualTo(200);
        assertThat(issuePage.body()).contains("Vinterns utbildningar").contains("Body sv")
                .contains(":s nyhetsbrev: Vinterns utbildningar");
        HttpResponse<String> html = http.get(issuePath + "/preview/en");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Winter trainings").contains("href=\"https://kivaq.fi/en\"");

        String csrf = StaffUsers.csrf(issuePage.body());
        assertThat(http.postForm(issuePath + "/test", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
        List<MimeMessage> tests = awaitMails(editorAddress, 3);
        assertThat(tests).extracting(Mails::subject).anyMatch(s -> s.contains("Talven koulutukset"))
                .anyMatch(s -> s.contains("Winter trainings"));
        assertThat(Mails.header(tests.get(0), "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(issuePage.body()).doesNotContain("reader0." + run);

        // the send, stalled at its first mail to one of ours while the last one unsubscribes
        String last = "reader" + (SUBSCRIBERS - 1) + "." + run + "@test.example";
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        TestMailServer.beforeAccepting(recipient -> {
            if (languageOf.containsKey(recipient.toLowerCase()) && first.compareAndSet(true, false)) {
                stalled.countDown();
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(http.postForm(issuePath + "/send", Map.of("_csrf", csrf)).statusCode())
                .as("not without the confirmation box").isEqualTo(400);
        HttpResponse<String> sent = http.postForm(issuePath + "/send", Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(stalled.await(60, TimeUnit.SECONDS)).as("the newsletter lane reached our subscribers").isTrue();
        // a link someone waits for does not queue behind the newsletter: its lane takes it up (claims it for sending)
        // while the newsletter lane is stuck (GreenMail itself takes one delivery at a time, so it arrives later)
        String signingUp = uniqueAddress("waiting");
        assertThat(http().postJson("/api/newsletter/subscriptions", "{\"email\":\"" + signingUp + "\"}")
                .statusCode()).isEqualTo(202);
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                        "select status from outbox_mail where recipient = :r").param("r", signingUp)
                .query(String.class).single(), status -> !"PENDING".equals(status));
        assertThat(resume.getCount()).as("the newsletter lane still waits").isEqualTo(1);
        HttpResponse<String> unsubscribed = http().post(register.unsubscribePath(contacts.get(SUBSCRIBERS - 1)),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes());
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        resume.countDown();
        awaitMailWithSubject(signingUp, "Vahvista");

        // a second send of the same issue sends nothing
        assertThat(http.postForm(issuePath + "/send", Map.of("_csrf", csrf, "confirm", "yes")).statusCode())
                .isEqualTo(409);

        Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() -> jdbc.sql(
                "select count(*) from outbox_mail where list_id is not null and status in ('PENDING', 'SENDING')")
                .query(Long.class).single() == 0);

        Map<String, List<MimeMessage>> newsletters = TestMailServer.received().stream()
                .filter(m -> Mails.header(m, "List-Id") != null)
                .collect(Collectors.groupingBy(NewsletterSendTest::recipient));
        Set<String> expected = new java.util.HashSet<>(languageOf.keySet());
        expected.remove(last);
        assertThat(expected).allSatisfy(email -> assertThat(newsletters.get(email)).as(email).hasSize(1));
        assertThat(newsletters.get(last)).as("unsubscribed during the send").isNull();
        assertThat(newsletters.get(withdrawn)).isNull();
        assertThat(newsletters.get(suppressed)).isNull();
        assertThat(jdbc.sql("select status from outbox_mail where list_id is not null and recipient = :r")
                .param("r", last).query(String.class).single()).isEqualTo("CANCELLED");

        Set<String> links = new java.util.HashSet<>();
        for (String email : expected) {
            MimeMessage mail = newsletters.get(email).get(0);
            String language = languageOf.get(email);
            assertThat(Mails.subject(mail)).endsWith(HEADLINE.get(language));
            assertThat(Mails.text(mail)).contains("Body " + language);
            assertThat(Mails.header(mail, "List-Id")).isEqualTo("KivaQ newsletter <newsletter.kivaq.fi>");
            assertThat(Mails.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            Matcher url = UNSUBSCRIBE.matcher(Mails.header(mail, "List-Unsubscribe"));
            assertThat(url.matches()).as(Mails.header(mail, "List-Unsubscribe")).isTrue();
            assertThat(Mails.text(mail)).contains(url.group(1));
            links.add(url.group(2));
        }
        assertThat(links).as("every mail its own link").hasSize(expected.size());

        // the one-click links work: RFC 8058 POST from the mail program
        for (String email : List.of("reader0." + run + "@test.example", "reader1." + run + "@test.example")) {
            MimeMessage mail = newsletters.get(email).get(0);
            Matcher url = UNSUBSCRIBE.matcher(Mails.header(mail, "List-Unsubscribe"));
            assertThat(url.matches()).isTrue();
            HttpResponse<String> done = http().post(url.group(2), "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click".getBytes());
            assertThat(done.statusCode()).isEqualTo(200);
            int index = Integer.parseInt(email.substring("reader".length(), email.indexOf('.')));
            assertThat(register.isSubscribed(contacts.get(index))).isFalse();
        }
        // everyone live when it was sent: ours and other tests' subscribers
        assertThat(jdbc.sql("select recipients from newsletter_issue where id = :id")
                .param("id", Long.parseLong(issuePath.substring(issuePath.lastIndexOf('/') + 1)))
                .query(Integer.class).single()).isGreaterThanOrEqualTo(SUBSCRIBERS);
    }

    private void editor(String email) {
        staffUsers.ensure(EDITOR, PASSWORD, fi.kivaq.dsr.security.StaffGroups.NEWSLETTER);
        User user = identityService.createUserQuery().userId(EDITOR).singleResult();
        user.setEmail(email);
        identityService.saveUser(user);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString().toLowerCase();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
