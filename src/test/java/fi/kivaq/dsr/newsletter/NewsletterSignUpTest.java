package fi.kivaq.dsr.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/** Issue 14, item 3: sign-up with double opt-in and proof of consent, through HTTP, SMTP and the database. */
class NewsletterSignUpTest extends IntegrationTest {

    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+(/newsletter/confirm/[A-Za-z0-9_-]{43})");
    private static final Pattern TEXT_VERSION = Pattern.compile("name=\"consentTextVersion\" value=\"([^\"]+)\"");

    @Autowired
    ContactRegister contacts;
    @Autowired
    NewsletterSuppression suppression;
    @Autowired
    TestRegister register;

    @Test
    void onlyTheConfirmationLinkRecordsTheConsentWithTheTextVersionShown() {
        String email = uniqueAddress("tilaaja");
        Http http = http();

        HttpResponse<String> page = http.get("/newsletter?lang=sv");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("nyhetsbrev").contains("Jag vill få KivaQ OyAb:s nyhetsbrev");
        Matcher version = TEXT_VERSION.matcher(page.body());
        assertThat(version.find()).isTrue();

        HttpResponse<String> filed = http.postForm("/newsletter", Map.of("email", email, "name", "Tove Tilaaja",
                "consentTextVersion", version.group(1)));
        assertThat(filed.statusCode()).isEqualTo(200);
        assertThat(filed.body()).contains("Kontrollera din e-post");

        MimeMessage mail = awaitMailWithSubject(email, "Bekräfta prenumerationen");
        assertThat(Mails.header(mail, "List-Unsubscribe")).isNull();
        String link = confirmPath(mail);
        // nothing recorded before the link: no contact, no consent
        assertThat(contacts.findContactIdByEmail(email)).isEmpty();

        // opening the link (a mail scanner) changes nothing
        HttpResponse<String> button = http.get(link);
        assertThat(button.statusCode()).isEqualTo(200);
        assertThat(button.body()).contains("Jag bekräftar prenumerationen");
        assertThat(contacts.findContactIdByEmail(email)).isEmpty();

        HttpResponse<String> confirmed = http.post(link, "application/x-www-form-urlencoded", new byte[0]);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("prenumerationen är bekräftad");

        long contact = contacts.findContactIdByEmail(email).orElseThrow();
        assertThat(contacts.isSubscribed(contact)).isTrue();
        assertThat(jdbc.sql("""
                        select kind || ' ' || channel || ' ' || text_version || ' ' || consent_language || ' '
                            || consent_source from newsletter_consent_event where contact_id = :id""")
                .param("id", contact).query(String.class).single())
                .isEqualTo("GIVEN SIGN_UP_FORM " + version.group(1) + " sv SIGN_UP_PAGE");
        assertThat(jdbc.sql("select name || ' ' || language || ' ' || source from contact where id = :id")
                .param("id", contact).query(String.class).single()).isEqualTo("Tove Tilaaja sv CONTACT_FORM");
        // the version names the exact words shown, kept
        assertThat(jdbc.sql("select text from newsletter_consent_text where version = :v and language = 'sv'")
                .param("v", version.group(1)).query(String.class).single()).startsWith("Jag vill få");
        // the pending sign-up no longer holds the address
        assertThat(jdbc.sql("select count(*) from newsletter_sign_up where email = :e").param("e", email)
                .query(Long.class).single()).isZero();

        // the link works once
        HttpResponse<String> again = http.post(link, "application/x-www-form-urlencoded", new byte[0]);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(jdbc.sql("select count(*) from newsletter_consent_event where contact_id = :id")
                .param("id", contact).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theApiTakesASignUpLikeThePageAndRecordsItsSource() {
        String email = uniqueAddress("api");
        HttpResponse<String> filed = http().postJson("/api/newsletter/subscriptions",
                "{\"email\":\"" + email + "\",\"name\":\"Api Person\",\"language\":\"en\"}");
        assertThat(filed.statusCode()).isEqualTo(202);
        assertThat(contacts.findContactIdByEmail(email)).isEmpty();

        MimeMessage mail = awaitMailWithSubject(email, "Confirm your subscription");
        HttpResponse<String> confirmed = http().post(confirmPath(mail), "application/x-www-form-urlencoded", new byte[0]);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        long contact = contacts.findContactIdByEmail(email).orElseThrow();
        assertThat(jdbc.sql("select consent_source || ' ' || consent_language from newsletter_consent_event where contact_id = :id")
                .param("id", contact).query(String.class).single()).isEqualTo("SIGN_UP_API en");
    }

    @Test
    void badInputIsA400InTheRequestersLanguageAndStoresNothing() {
        long before = signUps();
        HttpResponse<String> api = http().postJson("/api/newsletter/subscriptions",
                "{\"email\":\"not an address\",\"language\":\"sv\"}");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("E-postadressen är inte giltig");
        HttpResponse<String> unknownVersion = http().postJson("/api/newsletter/subscriptions",
                "{\"email\":\"" + uniqueAddress("v") + "\",\"consentTextVersion\":\"1999-01-01\",\"language\":\"en\"}");
        assertThat(unknownVersion.statusCode()).isEqualTo(400);
        assertThat(unknownVersion.body()).contains("consent text");
        HttpResponse<String> page = http().postForm("/newsletter?lang=fi", Map.of("email", ""));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Anna sähköpostiosoite");
        assertThat(signUps()).isEqualTo(before);
    }

    @Test
    void aSuppressedOrSubscribedAddressGetsTheSamePageAndNoMail() {
        String fresh = uniqueAddress("fresh");
        String erased = uniqueAddress("erased");
        String subscribed = uniqueAddress("already");
        suppression.suppress(erased.toUpperCase());
        register.subscriber("Jo Tilaaja", subscribed, "fi");

        HttpResponse<String> freshPage = http().postForm("/newsletter?lang=fi", Map.of("email", fresh));
        HttpResponse<String> erasedPage = http().postForm("/newsletter?lang=fi", Map.of("email", erased));
        HttpResponse<String> subscribedPage = http().postForm("/newsletter?lang=fi", Map.of("email", subscribed));
        assertThat(freshPage.statusCode()).isEqualTo(erasedPage.statusCode()).isEqualTo(subscribedPage.statusCode())
                .isEqualTo(200);
        assertThat(erasedPage.body()).isEqualTo(freshPage.body());
        assertThat(subscribedPage.body()).isEqualTo(freshPage.body());
        assertThat(erasedPage.headers().map().keySet()).isEqualTo(freshPage.headers().map().keySet());

        HttpResponse<String> erasedApi = http().postJson("/api/newsletter/subscriptions",
                "{\"email\":\"" + erased + "\",\"language\":\"fi\"}");
        HttpResponse<String> freshApi = http().postJson("/api/newsletter/subscriptions",
                "{\"email\":\"" + uniqueAddress("fresh2") + "\",\"language\":\"fi\"}");
        assertThat(erasedApi.statusCode()).isEqualTo(freshApi.statusCode()).isEqualTo(202);
        assertThat(erasedApi.body()).isEqualTo(freshApi.body());

        // the fresh address's link is mailed; by then the other two would have had theirs (one outbox lane, in order)
        awaitMailWithSubject(fresh, "Vahvista");
        // (only these three addresses' rows: other tests' mails may be waiting for a retry in the shared outbox)
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql("""
                        select count(*) from outbox_mail where status in ('PENDING', 'SENDING')
                        and lower(recipient) in (:a, :b, :c)""")
                .param("a", fresh.toLowerCase()).param("b", erased.toLowerCase()).param("c", subscribed.toLowerCase())
                .query(Long.class).single() == 0);
        assertThat(TestMailServer.receivedBy(erased)).isEmpty();
        assertThat(TestMailServer.receivedBy(subscribed)).isEmpty();
        assertThat(jdbc.sql("select count(*) from outbox_mail where lower(recipient) in (:a, :b)")
                .param("a", erased.toLowerCase()).param("b", subscribed.toLowerCase()).query(Long.class).single())
                .isZero();
        // and no trace of the erased address beyond its keyed hash
        assertThat(jdbc.sql("select count(*) from newsletter_sign_up where lower(email) = :e")
                .param("e", erased.toLowerCase()).query(Long.class).single()).isZero();
        assertThat(contacts.findContactIdByEmail(erased)).isEmpty();
    }

    @Test
    void theRequestFormsPerAddressLimitAppliesToEveryAddressAlike() {
        String fresh = uniqueAddress("many");
        String erased = uniqueAddress("manyerased");
        suppression.suppress(erased);
        for (String address : new String[] {fresh, erased}) {
            for (int i = 0; i < 10; i++) {
                assertThat(http().postForm("/newsletter?lang=en", Map.of("email", address)).statusCode())
                        .isEqualTo(200);
            }
            HttpResponse<String> refused = http().postForm("/newsletter?lang=en", Map.of("email", address));
            assertThat(refused.statusCode()).as(address).isEqualTo(429);
            assertThat(refused.body()).contains("So many requests");
        }
    }

    private long signUps() {
        return jdbc.sql("select count(*) from newsletter_sign_up").query(Long.class).single();
    }

    static String confirmPath(MimeMessage mail) {
        Matcher m = CONFIRM_LINK.matcher(Mails.text(mail));
        assertThat(m.find()).as("a confirmation link in:\n%s", Mails.text(mail)).isTrue();
        return m.group(1);
    }

}
