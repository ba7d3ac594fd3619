package fi.kivaq.dsr.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Browser;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

/**
 * Camunda Tasklist as staff see it, in a real browser (Chromium in Finnish): the task list says which request each
 * task is for, Tasklist's own texts and the task form speak the staff member's language (Finnish here; the language
 * chosen on the staff pages wins over the browser's), the form links to that request's staff page in a new tab and
 * tells a newcomer to claim the task, completing it moves the process on, a task listener's refusal reads as its own
 * sentence in that language, Tasklist shows the user's name, and no "migrate to Camunda 8" banner.
 */
@Tag("browser")
class TasklistBrowserTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("DSR-\\d{4}-\\d{5}");

    @Autowired
    StaffUsers staffUsers;
    @Autowired
    TestRegister register;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    HistoryService historyService;

    @Test
    void aTaskShowsItsRequestAndItsFormOpensThatRequestInANewTab() {
        String reference = accessRequestUnderReview("tasklist");
        Task task = openTask(reference);
        long requestId = requestId(reference);
        // the labels the list and the form show, set when the task was created
        assertThat(taskService.getVariableLocal(task.getId(), "reference")).isEqualTo(reference);
        assertThat(taskService.getVariableLocal(task.getId(), "requestType")).isEqualTo("Access");
        assertThat(task.getDueDate()).isNotNull();

        staffUsers.ensure("tasklist-staff", "tasklist-staff-pw", "dsr-staff", "Tuula", "Tehtävä");
        // a Finnish staff member: Finnish chosen on the staff pages (remembered in the cookie dsr-lang)
        Browser browser = Browser.on(port).cookie("dsr-lang", "fi");
        try {
            logInToTasklist(browser, "tasklist-staff", "tasklist-staff-pw", "Käyttäjätunnus");
            String filters = browser.find(By.cssSelector(".task-filter")).findElement(By.xpath("..")).getText();
            assertThat(filters).contains("My tasks", "Staff tasks", "All tasks");
            WebElement listed = taskInFilter(browser, "All tasks", reference);
            // the filter's columns are ours; "Määräaika" (due) and "Luotu" (created) are Tasklist's, in Finnish
            assertThat(listed.getText()).contains("Review the access extract").contains("Reference")
                    .contains("Request").contains("Access").contains("Määräaika").contains("Luotu")
                    .doesNotContain("Due").doesNotContain("Created");
            assertThat(browser.text()).doesNotContain("migrate to Camunda 8").doesNotContain("Camunda 8")
                    .contains("Tuula Tehtävä").doesNotContain("null null");
            browser.screenshot("tasklist-list");

            // searching by the reference (a task variable) finds this task and no other
            String allTasksFilter = filterService.createFilterQuery().filterName("All tasks").singleResult().getId();
            browser.open("/camunda/app/tasklist/default/#/?filter=" + allTasksFilter + "&searchQuery="
                    + URLEncoder.encode("[{\"type\":\"taskVariables\",\"operator\":\"eq\",\"value\":\""
                    + reference + "\",\"name\":\"reference\"}]", StandardCharsets.UTF_8));
            browser.waitFor(driver -> {
                String list = driver.findElement(By.cssSelector("[cam-tasks]")).getText();
                return list.contains(reference) && REFERENCE.matcher(list).results().count() == 1;
            });
            // the form, in Finnish: the request's reference and kind, a link to its staff page in a new tab, and the
            // hint to claim first
            openTask(browser, "All tasks", reference);
            WebElement link = browser.waitFor(driver -> driver.findElements(By.cssSelector(".kivaq-task-form a"))
                    .stream().filter(a -> a.getText().contains("Avaa pyyntö henkilökunnan sivulla")).findFirst()
                    .orElse(null));
            assertThat(browser.find(By.cssSelector(".kivaq-task-form")).getText())
                    .contains("Pyyntö " + reference, "Tarkastuspyyntö", "Tarkista rekisteriote",
                            "Kun merkitset tehtävän valmiiksi")
                    .doesNotContain("Review the access extract", "Open the request");
            assertThat(link.getAttribute("href")).endsWith("/staff/requests/id/" + requestId);
            assertThat(link.getAttribute("target")).isEqualTo("_blank");
            assertThat(browser.find(By.id("kivaq-claim-hint")).getText())
                    .contains("Lomake on lukittu, kunnes otat tehtävän itsellesi", "\"Ota itsellesi\"");
            // Tasklist's own buttons in Finnish, the words the form's texts use
            assertThat(browser.find(By.cssSelector("button.claim")).getText()).isEqualTo("Ota itsellesi");
            assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Merkitse valmiiksi']")))
                    .isNotEmpty();
            assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Complete' or "
                    + "normalize-space()='Claim']"))).isEmpty();
            browser.screenshot("tasklist-form");

            // once claimed, the hint goes and the form can be used
            claim(browser);
            browser.waitFor(driver -> driver.findElements(By.id("kivaq-claim-hint")).isEmpty());
            assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
                    .isEqualTo("tasklist-staff");

            List<String> tabs = new ArrayList<>(browser.driver().getWindowHandles());
            browser.click(browser.find(By.cssSelector(".kivaq-task-form a.kivaq-request-link")));
            browser.waitFor(driver -> driver.getWindowHandles().size() > tabs.size());
            String opened = browser.driver().getWindowHandles().stream().filter(h -> !tabs.contains(h)).findFirst()
                    .orElseThrow();
            browser.driver().switchTo().window(opened);
            // our staff pages have their own login; after it the link's request is shown
            browser.waitFor(driver -> driver.getCurrentUrl().contains("/login") || driver.getCurrentUrl().contains("/staff/"));
            if (browser.currentUrl().contains("/login")) {
                browser.find(By.name("username")).sendKeys("tasklist-staff");
                browser.find(By.name("password")).sendKeys("tasklist-staff-pw");
                browser.find(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
            }
            browser.waitFor(driver -> driver.getTitle().contains(reference));
            assertThat(browser.text()).contains(reference);
            browser.driver().close();
            browser.driver().switchTo().window(tabs.get(0));

            // the decision, chosen by its words, completes the task and the process moves on
            Select decision = new Select(browser.find(By.cssSelector("select[cam-variable-name=reviewDecision]")));
            assertThat(decision.getOptions()).extracting(WebElement::getText).contains(
                    "Hyväksy: lähetä allekirjoitettu vastaus", "Kokoa rekisteriote uudelleen", "Siirrä esihenkilölle");
            decision.selectByVisibleText("Hyväksy: lähetä allekirjoitettu vastaus");
            browser.screenshot("tasklist-form-claimed");
            completeForm(browser, "Merkitse valmiiksi");
            Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().taskId(task.getId())
                    .count() == 0);
            assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(
                    task.getProcessInstanceId()).variableName("reviewDecision").singleResult().getValue())
                    .isEqualTo("APPROVE");
            Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricActivityInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId()).activityId("UserTask_ReviewExtract").finished()
                    .count() == 1);
        } catch (RuntimeException | AssertionError e) {
            browser.saveForDiagnosis("tasklist-failure");
            throw e;
        }
    }

    @Test
    void aRefusalWithoutAReasonIsExplainedInTheListenersWordsAndTheTaskStaysOpen() {
        String reference = accessRequestUnderReview("refusal");
        Task review = openTask(reference);
        taskService.complete(review.getId(), Map.of("reviewDecision", "REFER_TO_MANAGER"));
        Task decision = Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(reference).taskName("Decide: answer or refuse").singleResult(), t -> t != null);

        staffUsers.ensure("tasklist-manager", "tasklist-manager-pw", "dsr-managers", "Mervi", "Esihenkilö");
        Browser browser = Browser.on(port).cookie("dsr-lang", "fi");
        try {
            logInToTasklist(browser, "tasklist-manager", "tasklist-manager-pw", "Käyttäjätunnus");
            openTask(browser, "Manager tasks", reference);
            assertThat(browser.find(By.cssSelector(".kivaq-task-form")).getText())
                    .contains("Vastaa tarkastuspyyntöön tai kieltäydy");
            claim(browser);
            new Select(browser.find(By.cssSelector("select[cam-variable-name=managerDecision]")))
                    .selectByVisibleText("Kieltäydy (peruste kirjattu henkilökunnan sivulle)");
            completeForm(browser, "Merkitse valmiiksi");

            // the listener's sentence in the staff member's language (the cookie reaches Tasklist's engine API)
            WebElement notice = browser.waitFor(driver -> driver.findElements(By.cssSelector(".page-notifications"))
                    .stream().filter(n -> n.getText().contains("peruste")).findFirst().orElse(null));
            assertThat(notice.getText()).contains("Kirjoita kieltäytymisen peruste ensin henkilökunnan sivulle")
                    .doesNotContain("Write the reason").doesNotContain("ENGINE-")
                    .doesNotContain("Cannot submit task form").doesNotContain("TaskListener");
            browser.screenshot("tasklist-refusal-without-reason");
        } catch (RuntimeException | AssertionError e) {
            browser.saveForDiagnosis("tasklist-refusal-failure");
            throw e;
        }
        assertThat(taskService.createTaskQuery().taskId(decision.getId()).count()).as("the task stays open").isOne();
    }

    @Test
    void theLanguageChosenOnTheStaffPagesWinsOverTheBrowsers() {
        staffUsers.ensure("tasklist-swede", "tasklist-swede-pw", "dsr-staff", "Sven", "Svensson");
        // the staff member chose Swedish on the staff pages, whatever the browser's language
        Browser browser = Browser.on(port).cookie("dsr-lang", "sv");
        try {
            logInToTasklist(browser, "tasklist-swede", "tasklist-swede-pw", "Användarnamn");
            noTaskSelected(browser, "Välj en uppgift i listan.");
            browser.screenshot("tasklist-swedish");
            // the welcome page (same login) too: its "Applications" and "Profile" sections
            browser.open("/camunda/app/welcome/default/");
            browser.waitFor(driver -> driver.findElements(By.cssSelector("h3.section-title")).stream()
                    .map(WebElement::getText).toList().containsAll(List.of("Program", "Profil")));

            // English chosen: Camunda's own English
            browser = Browser.on(port).cookie("dsr-lang", "en");
            logInToTasklist(browser, "tasklist-swede", "tasklist-swede-pw", "Username");
            noTaskSelected(browser, "Select a task in the list.");

            // nothing chosen: the browser's own first language (headless Chromium reports English despite --lang)
            browser = Browser.on(port);
            String browsers = String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return navigator.languages[0] || navigator.language"));
            boolean finnish = browsers.startsWith("fi");
            boolean swedish = browsers.startsWith("sv");
            logInToTasklist(browser, "tasklist-swede", "tasklist-swede-pw",
                    finnish ? "Käyttäjätunnus" : swedish ? "Användarnamn" : "Username");
            noTaskSelected(browser, finnish ? "Valitse tehtävä listasta." : swedish ? "Välj en uppgift i listan."
                    : "Select a task in the list.");
        } catch (RuntimeException | AssertionError e) {
            browser.saveForDiagnosis("tasklist-language-failure");
            throw e;
        }
    }

    /** An access request of a register contact, verified: its review task is open. */
    private String accessRequestUnderReview(String name) {
        String email = uniqueAddress(name);
        register.subscriber("Tiina Tehtävä", email, "fi");
        Http http = http();
        String reference = referenceIn(http.postJson("/api/requests",
                "{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"language\":\"fi\"}").body());
        http.post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "application/x-www-form-urlencoded",
                new byte[0]);
        return reference;
    }

    private Task openTask(String reference) {
        return Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(reference).singleResult(), t -> t != null);
    }

    /**
     * A fresh server serves the webapp's first load slowly (large scripts, cold caches), and Tasklist gives up on a
     * module that takes too long and stays on its spinner: fetch its files once first, and reload as a person would.
     */
    private void logInToTasklist(Browser browser, String user, String password, String userFieldPlaceholder) {
        Http http = http();
        for (String file : List.of("/camunda/app/tasklist/default/", "/camunda/lib/deps.js?bust=7.24.0",
                "/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0",
                "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js?bust=7.24.0",
                "/camunda/app/tasklist/scripts/config.js", "/camunda/app/tasklist/locales/en.json?bust=7.24.0",
                "/camunda/app/tasklist/locales/fi.json?bust=7.24.0",
                "/camunda/app/tasklist/locales/sv.json?bust=7.24.0")) {
            http.getBytes(file);
        }
        WebElement userField = null;
        for (int attempt = 0; attempt < 3 && userField == null; attempt++) {
            browser.open("/camunda/app/tasklist/default/");
            try {
                userField = browser.find(By.cssSelector("input[ng-model=username]"), Duration.ofSeconds(60));
            } catch (org.openqa.selenium.TimeoutException stillLoading) {
                browser.saveForDiagnosis("tasklist-slow-start-" + attempt);
            }
        }
        assertThat(userField).as("Tasklist's login form").isNotNull();
        // Tasklist's login form in the staff member's language
        WebElement field = userField;
        browser.waitFor(driver -> userFieldPlaceholder.equals(field.getAttribute("placeholder")));
        userField.sendKeys(user);
        browser.find(By.cssSelector("input[type=password]")).sendKeys(password);
        browser.find(By.cssSelector("button[type=submit]")).click();
        browser.find(By.cssSelector(".task-filter"), Duration.ofSeconds(120));
    }

    /** Tasklist's note beside the list while no task is open, in the expected words. */
    private static void noTaskSelected(Browser browser, String note) {
        browser.waitFor(driver -> driver.findElements(By.cssSelector(".no-task")).stream()
                .anyMatch(element -> element.getText().contains(note)));
    }

    /** Opens the named filter and returns the list entry of the request's task. */
    private static WebElement taskInFilter(Browser browser, String filter, String reference) {
        browser.waitFor(driver -> driver.findElements(By.cssSelector(".task-filter")).stream()
                .filter(item -> item.getText().contains(filter)).findFirst().orElse(null))
                .findElement(By.cssSelector("h4 a")).click();
        return browser.waitFor(driver -> driver.findElements(By.cssSelector("[cam-tasks] .task")).stream()
                .filter(item -> item.getText().contains(reference)).findFirst().orElse(null));
    }

    /** Opens the task's form; Tasklist may re-render its list between finding the task and the click. */
    private static void openTask(Browser browser, String filter, String reference) {
        browser.waitFor(driver -> {
            try {
                taskInFilter(browser, filter, reference).findElement(By.cssSelector("a")).click();
                return true;
            } catch (StaleElementReferenceException rerendered) {
                return null;
            }
        });
    }

    private static void completeForm(Browser browser, String complete) {
        browser.click(browser.waitFor(driver -> driver.findElements(By.xpath("//button[normalize-space()='"
                        + complete + "']"))
                .stream().filter(WebElement::isEnabled).findFirst().orElse(null)));
    }

    /** Presses Tasklist's claim button, whatever its language. */
    private static void claim(Browser browser) {
        browser.waitFor(driver -> driver.findElements(By.cssSelector("button.claim"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    }

    private long requestId(String reference) {
        return jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                .query(Long.class).single();
    }

    private static String referenceIn(String body) {
        Matcher reference = REFERENCE.matcher(body);
        assertThat(reference.find()).as("a reference in %s", body).isTrue();
        return reference.group();
    }
}
