package fi.kivaq.dsr.deadline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.ProcessTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Each path of deadline-watch.bpmn on an in-memory engine, the job executor off: the real delegates and timer bean
 * around mocked use cases, so the timer dates are those the configuration and the Finnish calendar give.
 */
class DeadlineWatchBpmnTest extends ProcessTest {

    private static final long REQUEST_ID = 11L;
    private static final String REFERENCE = "DSR-2026-00011";
    /** Due Friday 20 March 2026: reminder 5 and escalation 2 working days before, at 08:00 (the defaults). */
    private static final LocalDate DUE = LocalDate.of(2026, 3, 20);

    private final DeadlineNotifications notifications = mock(DeadlineNotifications.class);
    private final RequestDeadlines deadlines = mock(RequestDeadlines.class);

    @Override
    protected String[] resources() {
        return new String[] {"bpmn/deadline-watch.bpmn"};
    }

    @Override
    protected void registerBeans() {
        DeadlineWatchDelegates delegates = new DeadlineWatchDelegates();
        Mocks.register("sendDeadlineReminderDelegate", delegates.sendDeadlineReminderDelegate(notifications));
        Mocks.register("escalateDeadlineDelegate", delegates.escalateDeadlineDelegate(notifications));
        Mocks.register("markRequestOverdueDelegate", delegates.markRequestOverdueDelegate(notifications));
        Mocks.register("deadlineTimers", new DeadlineTimers(deadlines, CALENDAR,
                new DeadlineProperties(5, 2, LocalTime.of(8, 0), "0 0 7 * * ?", 50, Duration.ofMinutes(15), Duration.ofMinutes(1))));
        dueOn(DUE);
        when(notifications.remind(REQUEST_ID)).thenReturn(true);
        when(notifications.escalate(REQUEST_ID)).thenReturn(true);
        when(notifications.markOverdue(REQUEST_ID)).thenReturn(true);
    }

    private void dueOn(LocalDate due) {
        when(deadlines.find(REQUEST_ID)).thenReturn(Optional.of(new RequestDeadlines.Deadline(REQUEST_ID, REFERENCE,
                RequestType.ACCESS, RequestStatus.IN_PROGRESS, START.toInstant(), due, DUE, null, null, null)));
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(DeadlineWatchProcess.KEY, REFERENCE,
                Map.of(ProcessVariables.REQUEST_ID, REQUEST_ID));
    }

    /** Moves the clock to the timer's due date, checks it was not executable a minute earlier, and fires it. */
    private static void fireTimerAt(ProcessInstance process, Date due) {
        assertThat(job(process).getDuedate()).isEqualTo(due);
        moveClockTo(new Date(due.getTime() - 60_000));
        assertThat(jobQuery().processInstanceId(process.getId()).executable().count()).isZero();
        moveClockTo(due);
        assertThat(jobQuery().processInstanceId(process.getId()).executable().count()).isEqualTo(1);
        execute(job(process));
    }

    @Test
    void remindsEscalatesAndRecordsOverdueAtTheirDatesThenEnds() {
        ProcessInstance process = start();

        assertThat(process).isWaitingAt("TimerEvent_Reminder");
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 13, 8, 0)));
        assertThat(process).isWaitingAt("Task_SendReminder");
        execute(job(process));
        verify(notifications).remind(REQUEST_ID);

        assertThat(process).isWaitingAt("TimerEvent_Escalation");
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 18, 8, 0)));
        execute(job(process));
        verify(notifications).escalate(REQUEST_ID);

        assertThat(process).isWaitingAt("TimerEvent_Overdue");
        // the first instant after the due date, Helsinki time
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 21, 0, 0)));
        execute(job(process));
        verify(notifications).markOverdue(REQUEST_ID);

        assertThat(process).isEnded().hasPassed("EndEvent_OverdueRecorded", "EndEvent_DeadlinePassed");
    }

    @Test
    void aClosedRequestEndsTheWatchWithNoFurtherNotice() {
        ProcessInstance process = start();
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 13, 8, 0)));
        execute(job(process));

        runtimeService().createMessageCorrelation(DeadlineWatchProcess.MESSAGE_REQUEST_CLOSED)
                .processInstanceBusinessKey(REFERENCE).correlateAll();

        assertThat(process).isEnded().hasPassed("EndEvent_RequestClosed").hasNotPassed("Task_Escalate");
        assertThat(jobQuery().count()).as("no timer left behind").isZero();
        verify(notifications, never()).escalate(anyLong());
        verify(notifications, never()).markOverdue(anyLong());
    }

    @Test
    void anExtendedDeadlineRestartsTheTimersFromTheNewDueDate() {
        ProcessInstance process = start();
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 13, 8, 0)));
        execute(job(process));
        assertThat(process).isWaitingAt("TimerEvent_Escalation");

        // a manager extended the deadline to Friday 29 May 2026 (three months, Art. 12(3))
        dueOn(LocalDate.of(2026, 5, 29));
        runtimeService().createMessageCorrelation(DeadlineWatchProcess.MESSAGE_DEADLINE_EXTENDED)
                .processInstanceBusinessKey(REFERENCE).correlateAll();

        assertThat(process).isWaitingAt("TimerEvent_Reminder").hasPassed("BoundaryEvent_DeadlineExtended");
        assertThat(job(process).getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 5, 22, 8, 0)));
        assertThat(jobQuery().count()).as("the old escalation timer is gone").isEqualTo(1);
    }

    @Test
    void aRequestFoundClosedWhenTheReminderIsDueEndsQuietly() {
        when(notifications.remind(REQUEST_ID)).thenReturn(false);
        ProcessInstance process = start();
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 13, 8, 0)));

        execute(job(process));

        assertThat(process).isEnded().hasPassed("EndEvent_AlreadyClosed").hasNotPassed("TimerEvent_Escalation");
        verify(notifications, never()).escalate(anyLong());
    }

    @Test
    void aRequestFoundClosedWhenOverdueIsNotRecordedAsOverdue() {
        when(notifications.markOverdue(REQUEST_ID)).thenReturn(false);
        ProcessInstance process = start();
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 13, 8, 0)));
        execute(job(process));
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 18, 8, 0)));
        execute(job(process));
        fireTimerAt(process, at(LocalDateTime.of(2026, 3, 21, 0, 0)));

        execute(job(process));

        assertThat(process).isEnded().hasPassed("EndEvent_AlreadyClosed").hasNotPassed("EndEvent_DeadlinePassed");
    }

    @Test
    void nothingIsSentWhileTheReminderDateIsAhead() {
        ProcessInstance process = start();

        moveClockTo(at(LocalDateTime.of(2026, 3, 12, 23, 59)));

        assertThat(jobQuery().executable().count()).isZero();
        assertThat(process).isWaitingAt("TimerEvent_Reminder");
        verifyNoInteractions(notifications);
    }
}
