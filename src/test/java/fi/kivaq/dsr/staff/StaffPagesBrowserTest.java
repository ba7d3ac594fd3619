package fi.kivaq.dsr.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Browser;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

/**
 * The staff pages in a real browser, as a staff member and a manager use them: our login, the request list's search,
 * filters and pages, the manager's way to the dashboard, every staff page in Finnish, Swedish and English without a
 * raw code or an ISO timestamp in what the page shows, and no sideways scrolling on a phone (390 px).
 */
@Tag("browser")
class StaffPagesBrowserTest extends IntegrationTest {

    /** A code as the database stores it ({@code AWAITING_VERIFICATION}, {@code IT_SERVICE}, {@code VIEW_EXTRACT}). */
    static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b");
    static final Pattern ISO_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    @Autowired
    StaffUsers staffUsers;
    @Autowired
    TestRegister register;

    private String token;
    private List<String> references;

    @BeforeEach
    void users() {
        staffUsers.ensure("browser-staff", "browser-staff-pw", StaffGroups.STAFF);
        staffUsers.ensure("browser-manager", "browser-manager-pw", StaffGroups.MANAGERS);
    }

    /**
     * Thirty requests of one person-to-be-found ("Selainhenkilö" + a token), received over the last days in the
     * distant past so that they are far down the list: types, statuses and channels in turn.
     */
    private void thirtyRequests() {
        token = UUID.randomUUID().toString().substring(0, 6);
        references = new ArrayList<>();
        int year = 2000 + ThreadLocalRandom.current().nextInt(0, 20);
        String[] types = {"ACCESS", "RECTIFICATION", "UNSUBSCRIBE", "DELETION"};
        String[] statuses = {"IN_PROGRESS", "AWAITING_VERIFICATION", "COMPLETED"};
        String[] channels = {"WEB_FORM", "API", "STAFF"};
        for (int i = 0; i < 30; i++) {
            String reference = "DSR-%d-%07d".formatted(year, ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
            Instant received = Instant.parse("2026-01-05T08:00:00Z").plusSeconds(3600L * i);
            jdbc.sql("""
                            insert into dsr_request (reference, type, status, channel, language, requester_email,
                                requester_email_normalised, requester_name, received_at, due_date, verification_state)
                            values (:reference, :type, :status, :channel, 'fi', :email, :email, :name, :at, :due,
                                'VERIFIED')""")
                    .param("reference", reference).param("type", types[i % 4]).param("status", statuses[i % 3])
                    .param("channel", channels[i % 3]).param("email", "selain." + token + "." + i + "@test.example")
                    .param("name", "Selainhenkilö " + token).param("at", received.atOffset(ZoneOffset.UTC))
                    .param("due", i % 3 == 0 ? LocalDate.now().minusDays(2) : LocalDate.now().plusDays(40))
                    .update();
            references.add(reference);
        }
    }

    /**
     * A browser whose staff member speaks Finnish. Headless Chromium sends {@code Accept-Language: en-US} whatever
     * its {@code --lang}, so the choice the language switch remembers is set instead (the default from
     * {@code Accept-Language} is StaffHomeControllerTest's).
     */
    private Browser finnish() {
        return Browser.on(port).open("/favicon.ico").cookie("dsr-lang", "fi");
    }

    private List<String> listed(Browser browser) {
        return browser.all(By.cssSelector("#requests tbody tr")).stream().map(r -> r.getAttribute("data-reference"))
                .toList();
    }

    private static void assertWordsOnly(Browser browser, String page) {
        String text = browser.text();
        assertThat(RAW_CODE.matcher(text).results().map(m -> m.group()).toList()).as(page + ":\n" + text).isEmpty();
        assertThat(ISO_TIMESTAMP.matcher(text).find()).as(page + " shows an ISO timestamp:\n" + text).isFalse();
    }

    @Test
    void theLoginIsOursAndLeadsToTheRequestList() {
        Browser browser = finnish().open("/staff");
        assertThat(browser.currentUrl()).endsWith("/login");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Henkilökunnan kirjautuminen");
        assertThat(browser.text()).doesNotContain("Please sign in");
        browser.screenshot("staff-login-fi");

        browser.login("browser-staff", "browser-staff-pw");
        assertThat(browser.currentUrl()).containsPattern("/staff(\\?continue)?$");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Pyynnöt");
        assertThat(browser.all(By.id("dashboard-link"))).as("no dashboard for staff who are not managers").isEmpty();

        // a new visitor with a wrong password: the same page says so (someone unknown: a wrong password of a real
        // user would make the engine delay that user's next login)
        browser = finnish().open("/login");
        browser.find(By.name("username")).sendKeys("browser-nobody");
        browser.find(By.name("password")).sendKeys("wrong");
        browser.clickToLoad(browser.find(By.cssSelector("form button[type=submit]")));
        assertThat(browser.find(By.id("login-failed")).getText()).isEqualTo("Väärä käyttäjätunnus tai salasana.");
        assertThat(browser.currentUrl()).endsWith("/login?error");
    }

    @Test
    void staffSearchFilterAndPageThroughTheList() {
        thirtyRequests();
        Browser browser = finnish().login("browser-staff", "browser-staff-pw").open("/staff");
        browser.screenshot("staff-list-fi");

        // search by name: this person's thirty requests, newest first, 25 on the first page
        browser.find(By.id("q")).sendKeys("selainhenkilö " + token);
        browser.clickToLoad(browser.find(By.cssSelector("#request-search .search-row button")));
        List<String> first = listed(browser);
        assertThat(first).hasSize(StaffHomeController.PAGE_SIZE).startsWith(references.get(29), references.get(28));
        browser.clickToLoad(browser.find(By.id("next-page")));
        List<String> second = listed(browser);
        assertThat(second).containsExactly(references.get(4), references.get(3), references.get(2), references.get(1),
                references.get(0));
        assertThat(browser.find(By.id("page-number")).getText()).isEqualTo("Sivu 2");
        assertThat(second).doesNotContainAnyElementsOf(first);
        browser.clickToLoad(browser.find(By.id("previous-page")));
        assertThat(listed(browser)).isEqualTo(first);

        // search by reference and by address
        browser.open("/staff");
        browser.find(By.id("q")).sendKeys(references.get(7).toLowerCase());
        browser.clickToLoad(browser.find(By.cssSelector("#request-search .search-row button")));
        assertThat(listed(browser)).containsExactly(references.get(7));
        browser.find(By.id("q")).clear();
        browser.find(By.id("q")).sendKeys("Selain." + token + ".12@TEST.example");
        browser.clickToLoad(browser.find(By.cssSelector("#request-search .search-row button")));
        assertThat(listed(browser)).containsExactly(references.get(12));

        // each filter, on this person's requests
        record Filter(String select, String value, Set<Integer> expected) {
        }
        List<Filter> filters = List.of(
                new Filter("filter-type", "Poistopyyntö", Set.of(3, 7, 11, 15, 19, 23, 27)),
                new Filter("filter-status", "Odottaa vahvistusta", Set.of(1, 4, 7, 10, 13, 16, 19, 22, 25, 28)),
                new Filter("filter-channel", "Henkilökunnan kirjaama", Set.of(2, 5, 8, 11, 14, 17, 20, 23, 26, 29)),
                // overdue: only those being handled (i % 3 == 0 is due two days ago and IN_PROGRESS)
                new Filter("filter-due", "Myöhässä", Set.of(0, 3, 6, 9, 12, 15, 18, 21, 24, 27)));
        for (Filter filter : filters) {
            browser.open("/staff");
            browser.find(By.id("q")).sendKeys("Selainhenkilö " + token);
            new Select(browser.find(By.id(filter.select()))).selectByVisibleText(filter.value());
            browser.clickToLoad(browser.find(By.id("apply-filters")));
            assertThat(Set.copyOf(listed(browser))).as(filter.select())
                    .isEqualTo(filter.expected().stream().map(references::get).collect(java.util.stream.Collectors.toSet()));
            assertThat(new Select(browser.find(By.id(filter.select()))).getFirstSelectedOption().getText())
                    .as("the filter stays chosen").isEqualTo(filter.value());
        }

        // the list on a phone: cards, no sideways scrolling
        browser.open("/staff?q=" + "Selainhenkil%C3%B6+" + token).size(Browser.PHONE);
        assertThat(browser.overflowsHorizontally()).isFalse();
        browser.screenshot("staff-list-fi-phone");
    }

    @Test
    void aManagerGoesFromTheListToTheDashboard() {
        Browser browser = finnish().login("browser-manager", "browser-manager-pw").open("/staff");
        browser.clickToLoad(browser.find(By.id("dashboard-link")));
        assertThat(browser.currentUrl()).endsWith("/staff/dashboard");
        assertThat(browser.find(By.tagName("h1")).getText()).startsWith("Määräajat");
        browser.screenshot("staff-dashboard-fi");
    }

    @Test
    void everyStaffPageInEveryLanguageShowsWordsAndFitsAPhone() {
        thirtyRequests();
        long contact = register.subscriber("Selainhenkilö " + token, "selain." + token + "@test.example", "sv");
        long itService = jdbc.sql("select id from subcontractor where kind = 'IT_SERVICE' fetch first 1 rows only")
                .query(Long.class).optional().orElseGet(() -> {
                    long id = register.subcontractor("Selain IT " + token, "it." + token + "@test.example", "fi");
                    jdbc.sql("update subcontractor set kind = 'IT_SERVICE' where id = :id").param("id", id).update();
                    return id;
                });
        register.disclose(contact, itService, "Tekninen tuki");
        jdbc.sql("update dsr_request set contact_id = :c where reference = :r").param("c", contact)
                .param("r", references.get(0)).update();

        List<String> pages = List.of("/staff", "/staff?sort=DUE&due=OVERDUE", "/staff/requests/" + references.get(0),
                "/staff/requests/new", "/staff/contacts", "/staff/contacts?q=Selainhenkil%C3%B6+" + token,
                "/staff/contacts/" + contact, "/staff/dashboard", "/staff/requests/DSR-1999-0000001",
                "/staff/no-such-page");
        Browser browser = finnish().login("browser-manager", "browser-manager-pw");
        for (String language : List.of("fi", "sv", "en")) {
            browser.open("/staff?lang=" + language);
            assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            for (String page : pages) {
                browser.size(Browser.DESKTOP).open(page);
                assertThat(browser.find(By.tagName("html")).getAttribute("lang")).as(page).isEqualTo(language);
                assertThat(browser.all(By.cssSelector("header.staff-header"))).as(page + " keeps the staff layout")
                        .hasSize(1);
                assertWordsOnly(browser, language + " " + page);
                browser.size(Browser.PHONE);
                assertThat(browser.overflowsHorizontally()).as(language + " " + page + " at 390 px").isFalse();
            }
        }
        browser.size(Browser.DESKTOP).open("/staff/contacts/" + contact + "?lang=fi");
        assertThat(browser.text()).contains("IT-palvelu", "Avasi henkilön tiedot");
        browser.open("/staff/requests/DSR-1999-0000001");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Sivua ei löydy");

        // a staff member who is not a manager: the dashboard says "not allowed" in the staff layout
        Browser staff = finnish().login("browser-staff", "browser-staff-pw").open("/staff/dashboard");
        assertThat(staff.find(By.tagName("h1")).getText()).isEqualTo("Ei käyttöoikeutta");
        assertThat(staff.all(By.cssSelector("header.staff-header form.logout"))).hasSize(1);
        staff.screenshot("staff-forbidden-fi");
    }
}
