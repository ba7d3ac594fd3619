package fi.kivaq.dsr.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.ParallelGatewayBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/**
 * The task forms as Tasklist fetches them ({@code GET /staff/task-forms/<name>?taskId=…}), for real tasks on the real
 * engine: every form under {@code templates/web/staff/task-forms/} renders in Finnish, Swedish and English (the
 * browser's language, or the choice the staff pages remember), with every text there, the request's reference, its
 * kind in words and a link to its staff page in a new tab, and exactly the inputs its process contract names. A
 * Tasklist login is enough to fetch one; without a login the answer is 401 (not a login page that Tasklist would
 * show as a form), a login outside the staff groups gets 403, and a task with another form, or of another group
 * (which Tasklist would not show either), gets 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskFormsTest extends IntegrationTest {

    private static final Path FORMS = Path.of("templates/web/staff/task-forms");
    private static final String PROCESS = "taskFormsTest";
    private static final Pattern REFERENCE = Pattern.compile("DSR-\\d{4}-\\d{5}");
    private static final Pattern INPUT = Pattern.compile("cam-variable-name=\"(\\w+)\"");
    /** What each form lets staff enter (the variables its task listener checks). */
    private static final Map<String, Set<String>> INPUTS = Map.of(
            "review-access-extract", Set.of("reviewDecision"),
            "decide-access-request", Set.of("managerDecision"),
            "assess-erasure", Set.of("keepInvoicingRecords"),
            "check-signed-request", Set.of("identityConfirmed"),
            "chase-subcontractor", Set.of("confirmedByHand"),
            "decide-rectification", Set.of(),
            "decide-objection", Set.of(),
            "decide-restriction", Set.of(),
            "lift-restriction", Set.of());

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    MessageSource texts;

    private String deployment;
    private String reference;
    private long requestId;
    /** form name → the id of an open task with that form */
    private final Map<String, String> tasks = new HashMap<>();

    /**
     * One process with a user task per form, each with the form key the real BPMN would use, started for a real
     * request (the business key is its reference, as in every request's process).
     */
    @BeforeAll
    void openATaskOfEveryForm() {
        HttpResponse<String> filed = http().postJson("/api/requests",
                "{\"type\":\"ACCESS\",\"email\":\"" + uniqueAddress("task-forms") + "\",\"language\":\"fi\"}");
        Matcher found = REFERENCE.matcher(filed.body());
        assertThat(found.find()).as("a reference in %s", filed.body()).isTrue();
        reference = found.group();
        requestId = jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                .query(Long.class).single();

        ParallelGatewayBuilder fork = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("fork");
        for (String form : forms()) {
            fork.userTask("Task_" + form.replace('-', '_')).camundaCandidateGroups("dsr-staff")
                    .camundaFormKey(TaskFormController.FORM_KEY_PREFIX + form).endEvent();
        }
        deployment = repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn", fork.done())
                .deploy().getId();
        String instance = runtimeService.startProcessInstanceByKey(PROCESS, reference,
                Map.of("requestId", requestId)).getId();
        for (Task task : taskService.createTaskQuery().processInstanceId(instance).list()) {
            tasks.put(task.getTaskDefinitionKey().substring("Task_".length()).replace('_', '-'), task.getId());
        }
        staffUsers.ensure("taskforms-staff", "taskforms-staff-pw", "dsr-staff");
        staffUsers.ensure("taskforms-outsider", "taskforms-outsider-pw", null);
        staffUsers.ensure("taskforms-manager", "taskforms-manager-pw", "dsr-managers");
    }

    @AfterAll
    void removeTheTestProcess() {
        if (deployment != null) {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Test
    void everyFormRendersInEachLanguageWithItsRequestItsLinkAndItsInputs() {
        assertThat(forms()).containsExactlyInAnyOrderElementsOf(INPUTS.keySet());
        for (Language language : Language.values()) {
            Http staff = http();
            StaffUsers.login(staff, "taskforms-staff", "taskforms-staff-pw");
            Locale locale = language.locale();
            String requestLine = texts.getMessage("taskform.request", new Object[] {reference}, locale);
            String kind = texts.getMessage("code.type.ACCESS", null, locale);
            String link = texts.getMessage("taskform.openRequest", null, locale);
            for (String form : forms()) {
                // as Tasklist asks: the browser's language, nothing chosen yet
                HttpResponse<String> page = staff.get(TaskFormController.FORM_KEY_PREFIX.substring("embedded:".length())
                        + form + "?taskId=" + tasks.get(form) + "&userId=taskforms-staff&engineName=default"
                        + "&noCache=1", "Accept-Language", language.locale().toLanguageTag() + ";q=0.9");
                String html = page.body();
                String where = form + " in " + language;
                assertThat(page.statusCode()).as(where).isEqualTo(200);
                assertThat(html).as(where)
                        .contains(requestLine, kind, link)
                        .contains(texts.getMessage("taskform." + camelCase(form) + ".title", null, locale))
                        .contains("href=\"/staff/requests/id/" + requestId + "\" target=\"_blank\"")
                        .contains(texts.getMessage("taskform.next", null, locale))
                        .doesNotContain("??").doesNotContain("{{").doesNotContainPattern("\\{\\d}");
                // Tasklist's script insists on exactly one <form>, and submits only the cam-variable inputs
                assertThat(Pattern.compile("<form\\b").matcher(html).results().count()).as(where).isOne();
                Set<String> inputs = new TreeSet<>();
                INPUT.matcher(html).results().forEach(m -> inputs.add(m.group(1)));
                assertThat(inputs).as(where).isEqualTo(new TreeSet<>(INPUTS.get(form)));
                Language other = language == Language.FI ? Language.EN : Language.FI;
                assertThat(html).as(where + ": not in " + other).doesNotContain(
                        texts.getMessage("taskform.openRequest", null, other.locale()));
            }
        }
    }

    @Test
    void theChoiceTheStaffPagesRememberWinsOverTheBrowsersLanguage() {
        Http staff = http();
        StaffUsers.login(staff, "taskforms-staff", "taskforms-staff-pw");
        staff.get("/staff?lang=sv");
        String html = staff.get(formPath("decide-access-request"), "Accept-Language", "en").body();
        assertThat(html).contains("Besvara eller avslå begäran om tillgång", "Begäran " + reference,
                "Begäran om tillgång", "Avslå (skälet antecknat på personalsidan)");
        assertThat(html).contains("value=\"ANSWER\"", "value=\"REFUSE\"");
    }

    @Test
    void aTasklistLoginIsEnoughAndNoLoginOrNoStaffGroupGetsNoForm() {
        Http nobody = http();
        assertThat(nobody.get(formPath("assess-erasure")).statusCode()).as("no login").isEqualTo(401);
        // nor does the refused form become where the next staff login leads
        assertThat(StaffUsers.login(nobody, "taskforms-staff", "taskforms-staff-pw").headers().firstValue("Location")
                .orElse("")).doesNotContain("task-forms");

        Http outsider = http();
        StaffUsers.login(outsider, "taskforms-outsider", "taskforms-outsider-pw");
        assertThat(outsider.get(formPath("assess-erasure")).statusCode()).as("no staff group").isEqualTo(403);

        Http tasklist = http();
        String csrf = tasklist.get("/camunda/app/tasklist/default/").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no CSRF cookie from Tasklist"));
        HttpResponse<String> login = tasklist.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", "taskforms-staff", "password", "taskforms-staff-pw"), "X-XSRF-TOKEN", csrf);
        assertThat(login.statusCode()).as("Tasklist login: %s", login.body()).isEqualTo(200);
        HttpResponse<String> form = tasklist.get(formPath("assess-erasure"), "Accept-Language", "fi");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Arvioi poisto", "Pyyntö " + reference,
                "cam-variable-name=\"keepInvoicingRecords\"");
        // the Tasklist login opens the task forms only, not the other staff pages
        assertThat(tasklist.get("/staff").statusCode()).isEqualTo(302);
    }

    @Test
    void aTaskWithAnotherFormOrNoTaskGetsNoForm() {
        Http staff = http();
        StaffUsers.login(staff, "taskforms-staff", "taskforms-staff-pw");
        String path = TaskFormController.FORM_KEY_PREFIX.substring("embedded:".length());
        assertThat(staff.get(path + "decide-objection?taskId=" + tasks.get("assess-erasure")).statusCode())
                .isEqualTo(404);
        assertThat(staff.get(path + "assess-erasure?taskId=no-such-task").statusCode()).isEqualTo(404);
        assertThat(staff.get(path + "assess-erasure").statusCode()).isEqualTo(404);
        assertThat(staff.get(path + "parts?taskId=" + tasks.get("assess-erasure")).statusCode()).isEqualTo(404);

        // a task of another group is not this user's to see, as in Tasklist
        Http manager = http();
        StaffUsers.login(manager, "taskforms-manager", "taskforms-manager-pw");
        assertThat(manager.get(formPath("assess-erasure")).statusCode()).isEqualTo(404);
    }

    private String formPath(String form) {
        return TaskFormController.FORM_KEY_PREFIX.substring("embedded:".length()) + form + "?taskId="
                + tasks.get(form);
    }

    /** The forms: every template but the shared fragments. */
    private static List<String> forms() {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".html") && !n.equals("parts.html"))
                    .map(n -> n.substring(0, n.length() - ".html".length())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String camelCase(String form) {
        StringBuilder camel = new StringBuilder();
        for (String part : form.split("-")) {
            camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return camel.toString();
    }
}
