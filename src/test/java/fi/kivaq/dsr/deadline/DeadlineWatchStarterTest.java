package fi.kivaq.dsr.deadline;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a request's deadline watch starts: not at filing, but once the request has been open for
 * {@code dsr.deadlines.watch-delay}, by the sweep every node runs (in the tests the sweep is called, not scheduled).
 */
class DeadlineWatchStarterTest extends IntegrationTest {

    @Autowired
    DeadlineWatchStarter starter;
    @Autowired
    DeadlineWatch deadlineWatch;
    @Autowired
    DeadlineProperties settings;
    @Autowired
    RequestIntake intake;
    @Autowired
    RequestRepository requests;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aRequestStillOpenAfterTheDelayGetsOneWatchAndAnAnsweredOrNewerOneNone() {
        Instant beforeTheDelay = Instant.now().minus(settings.watchDelay()).minus(Duration.ofMinutes(5));
        DsrRequest open = file("watch.open", beforeTheDelay);
        DsrRequest answered = file("watch.answered", beforeTheDelay);
        DsrRequest fresh = file("watch.fresh", Instant.now());
        transaction.executeWithoutResult(tx ->
                requests.updateStatus(answered.id(), RequestStatus.COMPLETED, Instant.now()));
        for (DsrRequest request : new DsrRequest[] {open, answered, fresh}) {
            assertThat(watches(request)).as("no watch at filing: " + request.reference()).isZero();
        }
        // a sweep that read the request while it was open and claims it after the close committed starts nothing
        Boolean startedAfterClose = transaction.execute(tx ->
                deadlineWatch.startIfPending(answered.id(), answered.reference()));
        assertThat(startedAfterClose).isFalse();

        starter.sweep();
        starter.sweep();

        assertThat(watches(open)).as("one watch, however often the sweep runs").isEqualTo(1);
        String watch = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(open.reference())
                .processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId();
        assertThat(managementService.createJobQuery().processInstanceId(watch).activityId("TimerEvent_Reminder")
                .timers().count()).isEqualTo(1);
        assertThat(pending(open)).isFalse();
        assertThat(watches(answered)).as("answered before it needed one").isZero();
        assertThat(pending(answered)).as("cleared, so that pending rows stay few").isFalse();
        assertThat(watches(fresh)).as("not open long enough").isZero();
        assertThat(pending(fresh)).isTrue();
    }

    @Test
    void anExtensionBeforeTheSweepStartsTheWatchAndTheSweepDoesNotStartASecond() {
        DsrRequest request = file("watch.extended", Instant.now());

        transaction.executeWithoutResult(tx -> deadlineWatch.deadlineExtended(request.id(), request.reference()));
        assertThat(watches(request)).isEqualTo(1);
        assertThat(pending(request)).isFalse();

        starter.startDue(Instant.now().plusSeconds(60));
        assertThat(watches(request)).isEqualTo(1);
        Boolean startedAgain = transaction.execute(tx -> deadlineWatch.startIfPending(request.id(), request.reference()));
        assertThat(startedAgain).isFalse();
        assertThat(watches(request)).isEqualTo(1);
    }

    private DsrRequest file(String name, Instant receivedAt) {
        DsrRequest filed = intake.file(new NewRequest(RequestType.ACCESS, uniqueAddress(name), null, Language.FI,
                null, RequestChannel.API, receivedAt));
        awaitProcessesStarted(filed.reference());
        return filed;
    }

    private long watches(DsrRequest request) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                .processDefinitionKey(DeadlineWatchProcess.KEY).count();
    }

    private boolean pending(DsrRequest request) {
        return jdbc.sql("select deadline_watch_pending from dsr_request where id = :id").param("id", request.id())
                .query(Boolean.class).single();
    }
}
