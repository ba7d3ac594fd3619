package fi.kivaq.dsr.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Browser;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/**
 * The browser itself: the public form renders in the browser's language and a staff member gets from the login
 * form to the request list. The staff and requester pages have their own browser tests.
 */
@Tag("browser")
class BrowserSmokeTest extends IntegrationTest {

    @Autowired
    StaffUsers staffUsers;

    @Test
    void publicFormRendersInFinnishAndStaffCanLogIn() {
        Browser browser = Browser.on(port).open("/");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("KivaQ");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("fi");
        browser.screenshot("smoke-intake-fi");

        staffUsers.ensure("browser-smoke", "browser-smoke-pw", "dsr-staff");
        browser.login("browser-smoke", "browser-smoke-pw").open("/staff");
        assertThat(browser.currentUrl()).endsWith("/staff");
        assertThat(browser.all(By.cssSelector("form#request-search"))).isNotEmpty();
        browser.screenshot("smoke-staff-fi");
    }
}
