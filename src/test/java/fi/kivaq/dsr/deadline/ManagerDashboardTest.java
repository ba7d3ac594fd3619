package fi.kivaq.dsr.deadline;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.request.SignedRequestCheck;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** /staff/dashboard: managers only; overdue and at-risk requests marked; the operations endpoints' access. */
class ManagerDashboardTest extends IntegrationTest {

    @Autowired
    RequestRepository requests;
    @Autowired
    IdentityService identityService;
    @Autowired
    RequestIntake intake;
    @Autowired
    DeadlineCalculator calculator;
    @Autowired
    SignedRequestCheck evidenceCheck;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;

    @BeforeEach
    void users() {
        DeadlineTestUsers.ensure(identityService, "dashstaff", "pw-dashstaff", null, false);
        DeadlineTestUsers.ensure(identityService, "dashmanager", "pw-dashmanager", null, true);
    }

    @Test
    void onlyManagersSeeTheDashboard() {
        HttpResponse<String> anonymous = http().get("/staff/dashboard");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");

        Http staff = StaffLogin.login(http(), "dashstaff", "pw-dashstaff");
        assertThat(staff.get("/staff").statusCode()).isEqualTo(200);
        assertThat(staff.get("/staff/dashboard").statusCode()).isEqualTo(403);

        HttpResponse<String> manager = StaffLogin.login(http(), "dashmanager", "pw-dashmanager").get("/staff/dashboard");
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(manager.body()).contains("Määräajat");
    }

    @Test
    void overdueAndAtRiskRequestsAreMarked() {
        DsrRequest overdue = confirmed(file(Instant.now().minusSeconds(45L * 24 * 3600)));
        // received a month minus two days ago: due within the next few days
        DsrRequest atRisk = confirmed(file(ZonedDateTime.now(DeadlineCalculator.HELSINKI).minusMonths(1).plusDays(2)
                .toInstant()));
        DsrRequest relaxed = file(Instant.now());
        LocalDate today = LocalDate.now(DeadlineCalculator.HELSINKI);
        assertThat(overdue.dueDate()).isBefore(today);
        assertThat(calculator.workingDaysBetween(today, atRisk.dueDate())).isBetween(1L, 5L);

        Document page = Jsoup.parse(StaffLogin.login(http(), "dashmanager", "pw-dashmanager")
                .get("/staff/dashboard").body());

        Element overdueRow = row(page, overdue);
        assertThat(overdueRow.hasClass("overdue")).isTrue();
        assertThat(overdueRow.text()).contains("MYÖHÄSSÄ").doesNotContain("VAARASSA");
        assertThat(overdueRow.select("a[href$=/staff/requests/" + overdue.reference() + "]")).hasSize(1);
        assertThat(overdueRow.select("form")).as("no extension after the first due date").isEmpty();
        // "overdue by N working days", never "0 working days" beside a negative count of calendar days
        long late = calculator.workingDaysBetween(overdue.dueDate().plusDays(1), today);
        assertThat(late).isPositive();
        assertThat(overdueRow.selectFirst("td.time-left").text()).isEqualTo("myöhässä " + late + " työpäivää");

        Element atRiskRow = row(page, atRisk);
        assertThat(atRiskRow.hasClass("at-risk")).isTrue();
        assertThat(atRiskRow.text()).contains("VAARASSA");
        assertThat(atRiskRow.selectFirst("td.time-left").text()).startsWith(
                calculator.workingDaysBetween(today, atRisk.dueDate()) + " työpäivää (");
        assertThat(atRiskRow.select("a[href*=/camunda/app/cockpit/default/#/process-instance/]")).hasSize(1);
        assertThat(atRiskRow.select("form textarea[name=reason]")).hasSize(1);

        // the nearest deadline comes first
        assertThat(page.select("tr[data-reference]").eachAttr("data-reference").indexOf(overdue.reference()))
                .isLessThan(page.select("tr[data-reference]").eachAttr("data-reference").indexOf(atRisk.reference()));
        assertThat(page.select("tr[data-reference=" + relaxed.reference() + "]").stream()
                .noneMatch(r -> r.hasClass("overdue") || r.hasClass("at-risk"))).isTrue();
        assertThat(page.select("svg.chart rect.bar")).hasSize(12);
        assertThat(page.select("table.counts td").eachText()).contains("Odottaa vahvistusta");
    }

    @Test
    void anUnconfirmedRequestIsNeitherLateNorAtRiskNorOfferedAnExtension() {
        // a newsletter stop from the web form, never confirmed, received long ago
        DsrRequest unconfirmed = intake.file(new NewRequest(RequestType.UNSUBSCRIBE, uniqueAddress("dash-unconfirmed"),
                null, Language.FI, null, RequestChannel.WEB_FORM, Instant.now().minusSeconds(40L * 24 * 3600)));
        DsrRequest almostDue = intake.file(new NewRequest(RequestType.ACCESS, uniqueAddress("dash-unconfirmed"), null,
                Language.FI, null, RequestChannel.API,
                ZonedDateTime.now(DeadlineCalculator.HELSINKI).minusMonths(1).plusDays(2).toInstant()));

        Document page = Jsoup.parse(StaffLogin.login(http(), "dashmanager", "pw-dashmanager")
                .get("/staff/dashboard").body());

        for (DsrRequest request : List.of(unconfirmed, almostDue)) {
            Element row = row(page, request);
            assertThat(row.hasClass("overdue") || row.hasClass("at-risk")).as(request.reference()).isFalse();
            assertThat(row.text()).doesNotContain("MYÖHÄSSÄ").doesNotContain("VAARASSA");
            assertThat(row.select("form")).as("no extension for " + request.reference()).isEmpty();
            assertThat(row.selectFirst("td.time-left").text()).startsWith("Odottaa pyytäjän vahvistusta");
        }
    }

    @Test
    void thePageAfterAnExtensionKeepsTheStaffHeader() {
        DsrRequest request = confirmed(file(ZonedDateTime.now(DeadlineCalculator.HELSINKI).minusDays(3).toInstant()));
        Http manager = StaffLogin.login(http(), "dashmanager", "pw-dashmanager");
        String csrf = StaffLogin.csrf(manager.get("/staff/dashboard").body());

        Document result = Jsoup.parse(manager.postForm("/staff/requests/" + request.reference() + "/extension",
                java.util.Map.of("reason", "Paljon tietoja", "_csrf", csrf)).body());

        assertThat(result.select("#extension-result").text()).startsWith("Määräaikaa jatkettiin");
        assertThat(result.select("header.staff-header #dashboard-link")).hasSize(1);
        assertThat(result.select("header.staff-header form.logout")).hasSize(1);
    }

    private DsrRequest confirmed(DsrRequest request) {
        requests.markVerified(request.id(), Instant.now());
        return requests.get(request.id());
    }

    @Test
    void aRequestWaitingForStaffToCheckItsSignedLetterShowsThatTaskAndLinksToItsOwnProcess() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        // received long ago, so that it sorts onto the first page whatever other tests left open
        DsrRequest request = intake.fileByStaff(new NewRequest(RequestType.ACCESS, uniqueAddress("dash-letter"), null,
                        Language.FI, null, RequestChannel.STAFF, Instant.parse("2025-06-02T09:00:00Z")),
                ReceivedVia.LETTER, "dashstaff", Optional.of(evidenceCheck.check("scan.png", png, null).evidence()));
        // the request's own process: the root one beside the deadline watch (named by no feature, so that this
        // test compiles without the access module)
        List<ProcessInstance> roots = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(request.reference()).rootProcessInstances().list().stream()
                .filter(p -> !p.getProcessDefinitionId().startsWith(DeadlineWatchProcess.KEY + ":")).toList();
        assertThat(roots).hasSize(1);
        String accessProcess = roots.get(0).getId();
        // the task belongs to the identity proof that the access process called
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(request.reference()).singleResult()
                .getProcessInstanceId()).isNotEqualTo(accessProcess);

        Element row = row(Jsoup.parse(StaffLogin.login(http(), "dashmanager", "pw-dashmanager")
                .get("/staff/dashboard").body()), request);

        assertThat(row.select("td").eachText()).contains("Check the signed request");
        assertThat(row.select("a[href*=/camunda/app/cockpit/default/#/process-instance/]").attr("href"))
                .endsWith("/process-instance/" + accessProcess);
    }

    @Test
    void healthIsPublicWithoutDetailsAndMetricsNeedStaff() {
        HttpResponse<String> health = http().get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        // UP, or DEGRADED where an earlier test of the suite left a mail given up on
        assertThat(health.body()).containsPattern("\"status\":\"(UP|DEGRADED)\"").doesNotContain("components");

        HttpResponse<String> anonymousMetrics = http().get("/actuator/prometheus");
        assertThat(anonymousMetrics.statusCode()).isEqualTo(302);

        HttpResponse<String> metrics = http().get("/actuator/prometheus", Http.basicAuth("dashstaff", "pw-dashstaff"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("dsr_requests_open{type=\"ACCESS\"}")
                .contains("dsr_requests_at_risk{type=\"DELETION\"}").contains("dsr_requests_overdue{type=\"UNSUBSCRIBE\"}");

        HttpResponse<String> details = http().get("/actuator/health", Http.basicAuth("dashmanager", "pw-dashmanager"));
        assertThat(details.body()).contains("\"database\"").contains("\"smtp\"").contains("\"mailDispatcher\"")
                .contains("\"backlog\"").contains("\"oldestUnsentSeconds\"")
                .contains("\"jobExecutor\"");
        HttpResponse<String> wrong = http().get("/actuator/prometheus", Http.basicAuth("dashstaff", "wrong"));
        assertThat(wrong.statusCode()).as("bad credentials get a challenge, not a login page").isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(wrong.body()).doesNotContain("dsr_requests_open");
    }

    private DsrRequest file(Instant receivedAt) {
        DsrRequest filed = intake.file(new NewRequest(RequestType.ACCESS, uniqueAddress("dash"), null, Language.FI,
                null, RequestChannel.API, receivedAt));
        awaitProcessesStarted(filed.reference());
        return filed;
    }

    private static Element row(Document page, DsrRequest request) {
        Element row = page.selectFirst("tr[data-reference=" + request.reference() + "]");
        assertThat(row).as("row of " + request.reference()).isNotNull();
        return row;
    }
}
