package fi.kivaq.dsr.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Browser;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/**
 * The event pages in a real browser: a staff member opens Events from the navigation, opens an event, adds an
 * attendee who consents to the newsletter too, and sees them listed with words for the consent (no raw code) in
 * Finnish, Swedish and English; screenshots under target/screenshots/.
 */
@Tag("browser")
class EventPagesBrowserTest extends IntegrationTest {

    static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b");

    @Autowired
    StaffUsers staffUsers;
    @Autowired
    Events events;

    @BeforeEach
    void user() {
        staffUsers.ensure("browser-events", "browser-events-pw", StaffGroups.STAFF);
    }

    @Test
    void staffAddAnAttendeeByHandAndSeeThemListedInEveryLanguage() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long eventId = events.create("Selainkoulutus " + tag, "2026-10-01", "TRAINING", "browser-events").id();
        Browser browser = Browser.on(port).cookie("dsr-lang", "fi");
        browser.login("browser-events", "browser-events-pw");

        browser.clickToLoad(browser.find(By.id("nav-events")));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Tapahtumat");
        browser.screenshot("events-fi");
        browser.clickToLoad(browser.find(By.linkText("Selainkoulutus " + tag)));

        browser.find(By.id("name")).sendKeys("Selma Selain");
        browser.find(By.id("email")).sendKeys("selma." + tag + "@test.example");
        browser.find(By.id("organisation")).sendKeys("Selain Oy");
        browser.click(browser.find(By.cssSelector("input[name=consent][value=EVENT_AND_NEWSLETTER]")));
        browser.clickToLoad(browser.find(By.cssSelector("#attendee-form button[type=submit]")));

        assertThat(browser.find(By.id("flash")).getText()).contains("lisättiin rekisteriin");
        assertThat(browser.find(By.id("attendees")).getText()).contains("Selma Selain").contains("Selain Oy")
                .contains("Tapahtuma ja uutiskirje");
        for (String language : new String[] {"fi", "sv", "en"}) {
            browser.open("/staff/events/" + eventId + "?lang=" + language);
            String text = browser.text();
            assertThat(RAW_CODE.matcher(text).find()).as("%s: no raw code in %s", language, text).isFalse();
            browser.screenshot("event-" + language);
        }
        assertThat(browser.find(By.id("attendees")).getText()).contains("The event and the newsletter");
    }
}
