package fi.kivaq.dsr.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Browser;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TestRegister;

/** The requester's status page as a person sees it: Finnish, the steps and the letter, nothing personal, on a phone too. */
@Tag("browser")
class StatusPageBrowserTest extends IntegrationTest {

    private static final Pattern STATUS_LINK = Pattern.compile("https?://\\S+(/status/[A-Za-z0-9_-]{43})");
    private static final Pattern REFERENCE = Pattern.compile("DSR-\\d{4}-\\d{5}");

    @Autowired
    TestRegister register;

    @Test
    void theStatusPageShowsTheStepsAndTheLetterInTheRequestsLanguage() {
        String email = uniqueAddress("status-browser");
        register.subscriber("Selma Selain", email, "fi");
        Http http = http();
        Matcher filed = REFERENCE.matcher(http.postForm("/request?lang=fi",
                Map.of("type", "UNSUBSCRIBE", "email", email, "name", "Selma Selain")).body());
        assertThat(filed.find()).isTrue();
        String reference = filed.group();
        MimeMessage verification = awaitMailWithSubject(email, "Vahvista");
        http.post(Mails.verificationPath(verification), "application/x-www-form-urlencoded", new byte[0]);
        MimeMessage answer = awaitMailWithSubject(email, "Uutiskirjeen tilaus on lopetettu");
        Matcher link = STATUS_LINK.matcher(Mails.text(answer));
        assertThat(link.find()).isTrue();
        String status = link.group(1);
        Awaitility.await().atMost(PATIENCE).until(() -> http.get(status).body().contains("Olemme vastanneet"));

        Browser browser = Browser.on(port).open(status);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Pyyntösi tila");
        assertThat(browser.find(By.id("status-reference")).getText()).isEqualTo(reference);
        assertThat(browser.find(By.id("status-type")).getText()).isEqualTo("uutiskirjeen lopettaminen");
        assertThat(browser.find(By.id("status-step")).getText()).startsWith("Olemme vastanneet pyyntöösi");
        List<String> steps = browser.all(By.cssSelector(".status-steps li")).stream().map(e -> e.getText()).toList();
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).startsWith("Pyyntö vastaanotettu:");
        assertThat(steps.get(2)).startsWith("Vastattu:");
        assertThat(browser.find(By.cssSelector(".status-letters a")).getText()).isEqualTo("Vahvistus: uutiskirje lopetettu");
        assertThat(browser.text()).doesNotContain(email).doesNotContain("Selma").doesNotContain("Selain");
        browser.screenshot("status-page-fi");

        browser.size(Browser.PHONE).open(status);
        assertThat(browser.overflowsHorizontally()).as("no sideways scrolling on a phone").isFalse();
        browser.screenshot("status-page-fi-phone");
    }
}
