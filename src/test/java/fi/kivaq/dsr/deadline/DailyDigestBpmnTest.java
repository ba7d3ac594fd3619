package fi.kivaq.dsr.deadline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.support.ProcessTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * daily-digest.bpmn on an in-memory engine, the job executor off. The cron is evaluated by the engine in the JVM's
 * default time zone (not Helsinki), so expected times here are in that zone too.
 */
class DailyDigestBpmnTest extends ProcessTest {

    private static final String BPMN = "bpmn/daily-digest.bpmn";

    private final DailyDigest digest = mock(DailyDigest.class);

    @Override
    protected String[] resources() {
        return new String[] {BPMN};
    }

    @Override
    protected void registerBeans() {
        registerWithCron("0 0 7 * * ?");
    }

    private void registerWithCron(String cron) {
        Mocks.register("sendDailyDigestDelegate", new SendDailyDigestDelegate(digest, engineClock()));
        Mocks.register("deadlineTimers", new DeadlineTimers(mock(RequestDeadlines.class), CALENDAR,
                new DeadlineProperties(5, 2, LocalTime.of(8, 0), cron, 50, Duration.ofMinutes(15), Duration.ofMinutes(1))));
    }

    private static Date serverTime(LocalDateTime time) {
        return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
    }

    private static Job digestTimer() {
        return jobQuery().timers().singleResult();
    }

    @Test
    void theNextMorningIsScheduledOnDeploymentAndNothingRunsBefore() {
        // deployed on Monday 2 March 10:00 Helsinki time: the next 07:00 is Tuesday's (in the server's zone)
        assertThat(digestTimer().getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 3, 7, 0)));
        assertThat(jobQuery().executable().count()).isZero();
        assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void eachMorningOneDigestIsMailedForTheHelsinkiDateAndTheNextMorningIsScheduled() {
        Date tuesday = serverTime(LocalDateTime.of(2026, 3, 3, 7, 0));
        moveClockTo(tuesday);
        execute(digestTimer());

        var process = runtimeService().createProcessInstanceQuery().processDefinitionKey("daily-digest").singleResult();
        assertThat(process).isWaitingAt("Task_SendDigest");
        verify(digest, never()).send(any());
        execute(jobQuery().processInstanceId(process.getId()).singleResult());

        verify(digest).send(LocalDate.ofInstant(tuesday.toInstant(), DeadlineCalculator.HELSINKI));
        assertThat(process).isEnded().hasPassed("EndEvent_DigestSent");
        assertThat(digestTimer().getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 4, 7, 0)));
    }

    @Test
    void theScheduleComesFromConfiguration() {
        registerWithCron("0 30 6 * * ?");
        repositoryService().createDeployment().addClasspathResource(BPMN).deploy();

        assertThat(jobQuery().timers().count()).as("the new version's timer replaces the old one").isEqualTo(1);
        assertThat(digestTimer().getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 3, 6, 30)));
    }

    @Test
    void aFailedDigestIsRetriedAMinuteLaterAndTheScheduleGoesOn() {
        when(digest.send(any())).thenThrow(new IllegalStateException("outbox down"));
        moveClockTo(serverTime(LocalDateTime.of(2026, 3, 3, 7, 0)));
        execute(digestTimer());
        var process = runtimeService().createProcessInstanceQuery().processDefinitionKey("daily-digest").singleResult();
        Job send = jobQuery().processInstanceId(process.getId()).singleResult();

        assertThatThrownBy(() -> execute(send)).hasMessage("outbox down");

        Job retry = jobQuery().processInstanceId(process.getId()).singleResult();
        assertThat(retry.getRetries()).isEqualTo(2);
        assertThat(retry.getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 3, 7, 1)));
        assertThat(digestTimer().getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 4, 7, 0)));
        assertThat(historyService().createHistoricProcessInstanceQuery().finished().count()).isZero();
    }
}
