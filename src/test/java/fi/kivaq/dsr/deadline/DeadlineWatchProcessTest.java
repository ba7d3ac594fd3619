package fi.kivaq.dsr.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bpmn/deadline-watch.bpmn on the real engine: each timer's due date is checked against the request's due date
 * and the configured working-day offsets, then the timer job is executed instead of waiting for it.
 */
class DeadlineWatchProcessTest extends IntegrationTest {

    static final String STAFF_MAIL = "watch.staff@kivaq.example";
    static final String MANAGER_MAIL = "watch.manager@kivaq.example";

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    RequestIntake intake;
    @Autowired
    RequestRepository requests;
    @Autowired
    DeadlineCalculator calculator;
    @Autowired
    DeadlineProperties settings;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DeadlineWatch deadlineWatch;

    @BeforeEach
    void staffWithAddresses() {
        DeadlineTestUsers.ensure(identityService, "watchstaff", "pw-watchstaff", STAFF_MAIL, false);
        DeadlineTestUsers.ensure(identityService, "watchmanager", "pw-watchmanager", MANAGER_MAIL, true);
    }

    @Test
    void remindsEscalatesAndRecordsOverdueAtTheConfiguredDates() {
        DsrRequest request = file(RequestType.ACCESS, Instant.now());
        ProcessInstance watch = watchOf(request);
        LocalDate due = request.dueDate();
        assertThat(runtimeService.getVariables(watch.getId())).containsOnlyKeys(ProcessVariables.REQUEST_ID);

        Job reminder = timer(watch, "TimerEvent_Reminder");
        assertThat(reminder.getDuedate()).isEqualTo(at(calculator.minusWorkingDays(due, settings.reminderWorkingDays()), 8));
        managementService.executeJob(reminder.getId());
        String reminderText = Mails.text(awaitMailWithSubject(STAFF_MAIL, "Muistutus: " + request.reference()));
        assertThat(reminderText).contains(request.reference()).contains("/staff/requests/" + request.reference())
                .doesNotContain(request.requesterEmail());

        Job escalation = timer(watch, "TimerEvent_Escalation");
        assertThat(escalation.getDuedate()).isEqualTo(at(calculator.minusWorkingDays(due, settings.escalationWorkingDays()), 8));
        managementService.executeJob(escalation.getId());
        assertThat(Mails.text(awaitMailWithSubject(MANAGER_MAIL, "Eskalointi: " + request.reference())))
                .contains(request.reference()).contains("/staff/dashboard");

        Job overdue = timer(watch, "TimerEvent_Overdue");
        Date endOfDueDate = Date.from(due.plusDays(1).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
        assertThat(overdue.getDuedate()).isEqualTo(endOfDueDate);
        assertThat(overdueSince(request)).isNull();
        managementService.executeJob(overdue.getId());

        awaitEnded(watch);
        assertThat(endActivity(watch)).isEqualTo("EndEvent_DeadlinePassed");
        assertThat(overdueSince(request)).isEqualTo(endOfDueDate.toInstant());
    }

    @Test
    void closingTheRequestEndsItsWatchAndRemovesTheTimers() {
        DsrRequest request = file(RequestType.DELETION, Instant.now());
        ProcessInstance watch = watchOf(request);
        assertThat(managementService.createJobQuery().processInstanceId(watch.getId()).timers().count()).isEqualTo(1);

        transaction.executeWithoutResult(tx -> requests.updateStatus(request.id(), RequestStatus.COMPLETED, Instant.now()));

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(watch.getId()).count()).isZero();
        assertThat(endActivity(watch)).isEqualTo("EndEvent_RequestClosed");
        assertThat(managementService.createJobQuery().processInstanceId(watch.getId()).count()).isZero();
        assertThat(overdueSince(request)).as("answered in time").isNull();
    }

    @Test
    void aTimerOfARequestThatIsAlreadyClosedEndsTheWatchQuietly() {
        DsrRequest request = file(RequestType.RECTIFICATION, Instant.now());
        ProcessInstance watch = watchOf(request);
        // closed behind the watch's back (no RequestClosed message), e.g. by a migration
        jdbc.sql("update dsr_request set status = 'COMPLETED' where id = :id").param("id", request.id()).update();

        managementService.executeJob(timer(watch, "TimerEvent_Reminder").getId());

        awaitEnded(watch);
        assertThat(endActivity(watch)).isEqualTo("EndEvent_AlreadyClosed");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(watch.getId())
                .activityId("TimerEvent_Escalation").count()).as("no escalation was scheduled").isZero();
        assertThat(overdueSince(request)).isNull();
    }

    @Test
    void aRequestAnsweredAfterItsDeadlineCountsAsLateEvenBeforeTheOverdueTimerRan() {
        DsrRequest request = file(RequestType.ACCESS, Instant.now());
        // the due date has passed but the job executor has not yet run the overdue timer (it still waits)
        LocalDate pastDue = LocalDate.now(DeadlineCalculator.HELSINKI).minusDays(3);
        jdbc.sql("update dsr_request set due_date = :due where id = :id").param("due", pastDue)
                .param("id", request.id()).update();
        transaction.executeWithoutResult(tx -> requests.updateStatus(request.id(), RequestStatus.COMPLETED, Instant.now()));

        assertThat(overdueSince(request))
                .isEqualTo(pastDue.plusDays(1).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
        Awaitility.await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(request.reference()).processDefinitionKey("deadline-watch").count() == 0);
    }

    private DsrRequest file(RequestType type, Instant receivedAt) {
        DsrRequest filed = intake.file(new NewRequest(type, uniqueAddress("watch"), "Valvottu Pyytäjä", Language.FI,
                type == RequestType.RECTIFICATION ? "Sukunimeni on väärin" : null, RequestChannel.API, receivedAt));
        awaitProcessesStarted(filed.reference());
        // as the sweep does once the request has been open for dsr.deadlines.watch-delay
        Boolean started = transaction.execute(tx -> deadlineWatch.startIfPending(filed.id(), filed.reference()));
        assertThat(started).isTrue();
        return filed;
    }

    private ProcessInstance watchOf(DsrRequest request) {
        ProcessInstance watch = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                .processDefinitionKey("deadline-watch").singleResult();
        assertThat(watch).as("deadline watch of " + request.reference()).isNotNull();
        return watch;
    }

    private Job timer(ProcessInstance watch, String activityId) {
        return Awaitility.await().atMost(PATIENCE).until(() -> managementService.createJobQuery()
                .processInstanceId(watch.getId()).activityId(activityId).timers().singleResult(), job -> job != null);
    }

    private void awaitEnded(ProcessInstance watch) {
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(watch.getId()).finished().count() == 1);
    }

    private String endActivity(ProcessInstance watch) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(watch.getId()).singleResult()
                .getEndActivityId();
    }

    private Instant overdueSince(DsrRequest request) {
        OffsetDateTime value = jdbc.sql("select overdue_since from dsr_request where id = :id")
                .param("id", request.id()).query(OffsetDateTime.class).optional().orElse(null);
        return value == null ? null : value.toInstant();
    }

    static Date at(LocalDate day, int hour) {
        return Date.from(ZonedDateTime.of(day.atTime(hour, 0), DeadlineCalculator.HELSINKI).toInstant());
    }
}
