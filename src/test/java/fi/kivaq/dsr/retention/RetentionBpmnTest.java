package fi.kivaq.dsr.retention;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.RetentionPolicy;
import fi.kivaq.dsr.support.ProcessTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * retention.bpmn on an in-memory engine, the job executor off: one timer (one job for the whole cluster) starts the
 * run each night; the cron is evaluated in the JVM's default time zone, as in {@code DailyDigestBpmnTest}.
 */
class RetentionBpmnTest extends ProcessTest {

    private final RetentionRun run = mock(RetentionRun.class);

    @Override
    protected String[] resources() {
        return new String[] {"bpmn/retention.bpmn"};
    }

    @Override
    protected void registerBeans() {
        Mocks.register("runRetentionDelegate", new RunRetentionDelegate(run, engineClock()));
        Mocks.register("retentionTimers", new RetentionTimers(RetentionPolicy.defaults()));
    }

    private static Date serverTime(LocalDateTime time) {
        return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
    }

    private static Job runTimer() {
        return jobQuery().timers().singleResult();
    }

    @Test
    void eachNightOneRunForTheHelsinkiDayAndTheNextNightIsScheduled() {
        // deployed on Monday 2 March 10:00 Helsinki time: the next 02:30 is Tuesday's (in the server's zone)
        Date tuesday = serverTime(LocalDateTime.of(2026, 3, 3, 2, 30));
        assertThat(runTimer().getDuedate()).isEqualTo(tuesday);
        assertThat(jobQuery().executable().count()).isZero();

        moveClockTo(tuesday);
        execute(runTimer());
        var process = runtimeService().createProcessInstanceQuery().processDefinitionKey(RetentionProcess.KEY)
                .singleResult();
        assertThat(process).isWaitingAt("Task_RunRetention");
        verify(run, never()).run(any());
        execute(jobQuery().processInstanceId(process.getId()).singleResult());

        verify(run).run(LocalDate.ofInstant(tuesday.toInstant(), DeadlineCalculator.HELSINKI));
        assertThat(process).isEnded().hasPassed("EndEvent_RetentionDone");
        assertThat(runTimer().getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 4, 2, 30)));
    }

    @Test
    void aFailedRunIsRetriedAMinuteLaterAndTheScheduleGoesOn() {
        when(run.run(any())).thenThrow(new IllegalStateException("database away"));
        moveClockTo(serverTime(LocalDateTime.of(2026, 3, 3, 2, 30)));
        execute(runTimer());
        var process = runtimeService().createProcessInstanceQuery().processDefinitionKey(RetentionProcess.KEY)
                .singleResult();

        assertThatThrownBy(() -> execute(jobQuery().processInstanceId(process.getId()).singleResult()))
                .hasMessage("database away");

        Job retry = jobQuery().processInstanceId(process.getId()).singleResult();
        assertThat(retry.getRetries()).isEqualTo(3);
        assertThat(retry.getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 3, 2, 31)));
        assertThat(runTimer().getDuedate()).isEqualTo(serverTime(LocalDateTime.of(2026, 3, 4, 2, 30)));
    }
}
