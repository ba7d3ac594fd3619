package fi.kivaq.dsr.subcontractor;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.support.ProcessTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Each path of subcontractor-notification.bpmn on an in-memory engine, the job executor off: the real delegates and
 * timer bean (5 and 10 working days, the defaults) around a mocked use case.
 */
class SubcontractorNotificationBpmnTest extends ProcessTest {

    private static final long NOTIFICATION_ID = 5L;
    /** Mailed Monday 2 March 2026: reminder Monday 9 March, escalation Monday 16 March, 09:00 Helsinki. */
    private static final Date REMINDER = at(LocalDateTime.of(2026, 3, 9, 9, 0));
    private static final Date ESCALATION = at(LocalDateTime.of(2026, 3, 16, 9, 0));

    private final SubcontractorInstructions instructions = mock(SubcontractorInstructions.class);
    private final NotificationEscalation escalation = mock(NotificationEscalation.class);

    @Override
    protected String[] resources() {
        return new String[] {"bpmn/subcontractor-notification.bpmn"};
    }

    @Override
    protected void registerBeans() {
        Mocks.register("mailSubcontractorDelegate", new MailSubcontractorDelegate(instructions));
        Mocks.register("remindSubcontractorDelegate", new RemindSubcontractorDelegate(instructions));
        Mocks.register("markNotificationEscalatedDelegate", new MarkNotificationEscalatedDelegate(escalation));
        Mocks.register("recordAcknowledgementByHandDelegate", new RecordAcknowledgementByHandDelegate(escalation));
        Mocks.register("chaseConfirmationListener", new ChaseConfirmationListener());
        Mocks.register("subcontractorTimers", new SubcontractorTimers(CALENDAR, new SubcontractorProperties(5, 10, 7),
                mock(RequestRepository.class), engineClock()));
    }

    /** Started as the erasure and rectification processes start it, then the instruction mailed. */
    private ProcessInstance startAndMail() {
        when(instructions.send(NOTIFICATION_ID)).thenReturn(true);
        when(escalation.markEscalated(NOTIFICATION_ID)).thenReturn(true);
        ProcessInstance process = start();
        execute(job(process));
        verify(instructions).send(NOTIFICATION_ID);
        assertThat(process).isWaitingAt("ReceiveTask_AwaitAcknowledgement");
        return process;
    }

    private static ProcessInstance start() {
        ProcessInstance process = runtimeService().startProcessInstanceByKey("subcontractor-notification",
                "DSR-2026-00005", Map.of(SubcontractorNotificationProcess.NOTIFICATION_ID, NOTIFICATION_ID,
                        ProcessVariables.REQUEST_ID, 3L));
        assertThat(process).isWaitingAt("Task_MailSubcontractor");
        return process;
    }

    /** What NoticeSupersession does when the lift notice replaces the unconfirmed restriction notice. */
    private static void supersede() {
        runtimeService().createMessageCorrelation(SubcontractorNotificationProcess.MESSAGE_SUPERSEDED)
                .processInstanceVariableEquals(SubcontractorNotificationProcess.NOTIFICATION_ID, NOTIFICATION_ID)
                .correlateAll();
    }

    /** What SubcontractorNotifications.acknowledge does when the subcontractor opens its link and confirms. */
    private static void confirmByLink() {
        runtimeService().createMessageCorrelation(SubcontractorNotificationProcess.MESSAGE_ACKNOWLEDGED)
                .processInstanceVariableEquals(SubcontractorNotificationProcess.NOTIFICATION_ID, NOTIFICATION_ID)
                .correlate();
    }

    private static void fireTimer(ProcessInstance process, String activityId, Date due) {
        var timer = jobQuery().processInstanceId(process.getId()).activityId(activityId).singleResult();
        assertThat(timer.getDuedate()).isEqualTo(due);
        moveClockTo(due);
        execute(timer);
    }

    @Test
    void aConfirmationByLinkEndsTheWaitAndItsTimers() {
        ProcessInstance process = startAndMail();
        assertThat(jobQuery().timers().count()).isEqualTo(2);

        confirmByLink();

        assertThat(process).isEnded().hasPassed("EndEvent_Confirmed").hasNotPassed("Task_RemindSubcontractor");
        assertThat(jobQuery().count()).isZero();
        verify(instructions, never()).remind(anyLong());
    }

    @Test
    void aReminderGoesOutOnTheFifthWorkingDayAndTheWaitGoesOn() {
        ProcessInstance process = startAndMail();

        fireTimer(process, "BoundaryEvent_ReminderDue", REMINDER);
        assertThat(process).isWaitingAt("ReceiveTask_AwaitAcknowledgement", "Task_RemindSubcontractor");
        execute(jobQuery().processInstanceId(process.getId()).activityId("Task_RemindSubcontractor").singleResult());

        verify(instructions).remind(NOTIFICATION_ID);
        assertThat(process).hasPassed("EndEvent_Reminded").isWaitingAt("ReceiveTask_AwaitAcknowledgement");
        confirmByLink();
        assertThat(process).isEnded().hasPassed("EndEvent_Confirmed").hasNotPassed("Task_MarkEscalated");
    }

    @Test
    void withoutAConfirmationStaffChaseOnTheTenthWorkingDayAndRecordItByHand() {
        ProcessInstance process = startAndMail();
        fireTimer(process, "BoundaryEvent_ReminderDue", REMINDER);
        execute(jobQuery().processInstanceId(process.getId()).activityId("Task_RemindSubcontractor").singleResult());

        fireTimer(process, "BoundaryEvent_NoConfirmation", ESCALATION);
        assertThat(process).isWaitingAt("Task_MarkEscalated");
        execute(job(process));

        assertThat(process).isWaitingAt("UserTask_ChaseSubcontractor");
        assertThat(task(process)).hasCandidateGroup("dsr-staff");
        complete(task(process), Map.of(SubcontractorNotificationProcess.CONFIRMED_BY_HAND, true));
        assertThat(process).isWaitingAt("Task_RecordByHand");
        execute(job(process));

        InOrder order = inOrder(instructions, escalation);
        order.verify(instructions).send(NOTIFICATION_ID);
        order.verify(instructions).remind(NOTIFICATION_ID);
        order.verify(escalation).markEscalated(NOTIFICATION_ID);
        order.verify(escalation).recordByHand(NOTIFICATION_ID);
        assertThat(process).isEnded().hasPassed("EndEvent_ConfirmedByHand");
    }

    @Test
    void aConfirmationByLinkWhileStaffChaseEndsTheirTask() {
        ProcessInstance process = startAndMail();
        fireTimer(process, "BoundaryEvent_NoConfirmation", ESCALATION);
        execute(job(process));
        assertThat(process).isWaitingAt("UserTask_ChaseSubcontractor");

        confirmByLink();

        assertThat(process).isEnded().hasPassed("EndEvent_ConfirmedMeanwhile").hasNotPassed("Task_RecordByHand");
        verify(escalation, never()).recordByHand(anyLong());
    }

    @Test
    void aNoticeSupersededWhileWaitingEndsWithItsTimersAndIsNeverReminded() {
        ProcessInstance process = startAndMail();
        assertThat(jobQuery().timers().count()).isEqualTo(2);

        supersede();

        assertThat(process).isEnded().hasPassed("EndEvent_Superseded").hasNotPassed("Task_RemindSubcontractor");
        assertThat(jobQuery().count()).isZero();
        verify(instructions, never()).remind(anyLong());
    }

    @Test
    void aNoticeSupersededWhileStaffChaseEndsTheirTask() {
        ProcessInstance process = startAndMail();
        fireTimer(process, "BoundaryEvent_NoConfirmation", ESCALATION);
        execute(job(process));
        assertThat(process).isWaitingAt("UserTask_ChaseSubcontractor");

        supersede();

        assertThat(process).isEnded().hasPassed("EndEvent_Superseded").hasNotPassed("Task_RecordByHand");
        verify(escalation, never()).recordByHand(anyLong());
    }

    @Test
    void aNoticeSupersededJustBeforeTheHandOverToStaffOpensNoTask() {
        ProcessInstance process = startAndMail();
        fireTimer(process, "BoundaryEvent_NoConfirmation", ESCALATION);
        assertThat(process).isWaitingAt("Task_MarkEscalated");
        when(escalation.markEscalated(NOTIFICATION_ID)).thenReturn(false);
        execute(job(process));

        assertThat(process).isEnded().hasPassed("EndEvent_Superseded").hasNotPassed("UserTask_ChaseSubcontractor");
    }

    @Test
    void aNoticeSupersededBeforeItsMailWentEndsWithoutWaiting() {
        when(instructions.send(NOTIFICATION_ID)).thenReturn(false);
        ProcessInstance process = start();
        execute(job(process));

        assertThat(process).isEnded().hasPassed("EndEvent_Superseded").hasNotPassed("ReceiveTask_AwaitAcknowledgement");
        assertThat(jobQuery().count()).isZero();
    }
}
