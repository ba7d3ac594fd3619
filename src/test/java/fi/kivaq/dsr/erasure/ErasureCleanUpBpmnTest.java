package fi.kivaq.dsr.erasure;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.mail.MailSent;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.support.ProcessTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The end of erasure.bpmn on an in-memory engine, the job executor off: after the letter, the clean-up runs as soon
 * as the request's last mail has left the outbox. The real delegates and the real {@link LastMailSentListener}
 * (on this engine) around a mocked {@link ErasureCleanUp}, which plays the outbox.
 */
class ErasureCleanUpBpmnTest extends ProcessTest {

    private static final long REQUEST_ID = 42L;
    private static final String REFERENCE = "DSR-2026-00042";
    private static final long FIFTEEN_MINUTES = 15 * 60_000L;

    private final ErasureLetter letter = mock(ErasureLetter.class);
    private final ErasureCleanUp cleanUp = mock(ErasureCleanUp.class);
    private LastMailSentListener outbox;

    @Override
    protected String[] resources() {
        return new String[] {"bpmn/erasure.bpmn"};
    }

    @Override
    protected void registerBeans() {
        Mocks.register("sendErasureLetterDelegate", new SendErasureLetterDelegate(letter));
        Mocks.register("reduceRequestDataDelegate", new ReduceRequestDataDelegate(cleanUp));
        outbox = new LastMailSentListener(runtimeService(), cleanUp);
    }

    /** An erasure whose recipients have all confirmed: the letter is next. */
    private static ProcessInstance atTheLetter() {
        return runtimeService().createProcessInstanceByKey(ErasureProcess.KEY).businessKey(REFERENCE)
                .setVariables(Map.of(ProcessVariables.REQUEST_ID, REQUEST_ID))
                .startBeforeActivity("Task_SendErasureLetter").execute();
    }

    private void outboxHolds(boolean unsent) {
        when(cleanUp.mailsUnsent(REQUEST_ID)).thenReturn(unsent);
    }

    @Test
    void theLettersMailBeingSentWakesTheCleanUp() {
        when(cleanUp.reduceRequestData(REQUEST_ID))
                .thenReturn(ErasureCleanUp.Outcome.MAILS_UNSENT, ErasureCleanUp.Outcome.REDUCED);
        ProcessInstance process = atTheLetter();
        execute(job(process));
        verify(letter).send(REQUEST_ID);

        // the letter's mail is in the outbox when the clean-up first looks: nothing reduced, the process waits
        assertThat(process).isWaitingAt("Task_ReduceRequestData");
        execute(job(process));
        assertThat(process).isWaitingAt("ReceiveTask_AwaitLastMail");

        // another mail leaves while one is still unsent: the process keeps waiting
        outboxHolds(true);
        outbox.mailSent(new MailSent(7L, REQUEST_ID));
        assertThat(process).isWaitingAt("ReceiveTask_AwaitLastMail");

        // the last one leaves (here a mail of no request, e.g. to the address): the clean-up runs next
        outboxHolds(false);
        outbox.mailSent(new MailSent(8L, null));
        assertThat(process).isWaitingAt("Task_ReduceRequestData");
        execute(job(process));

        assertThat(process).isEnded().hasPassed("ReceiveTask_AwaitLastMail", "EndEvent_Erased")
                .hasNotPassed("BoundaryEvent_CheckAgain");
        verify(cleanUp, times(2)).reduceRequestData(REQUEST_ID);
        assertThat(jobQuery().count()).as("no timer left behind").isZero();
    }

    @Test
    void mailsGoneBeforeTheProcessArrivesLetTheCleanUpRunAtOnce() {
        when(cleanUp.reduceRequestData(REQUEST_ID)).thenReturn(ErasureCleanUp.Outcome.REDUCED);
        ProcessInstance process = atTheLetter();
        execute(job(process));
        // the mail was sent, and announced, before the process got here: nothing to wait for
        outbox.mailSent(new MailSent(7L, REQUEST_ID));

        execute(job(process));

        assertThat(process).isEnded().hasPassed("EndEvent_Erased").hasNotPassed("ReceiveTask_AwaitLastMail");
        verify(cleanUp).reduceRequestData(REQUEST_ID);
    }

    @Test
    void withoutAnyMessageTheTimerLooksAtTheOutboxAgainEveryFifteenMinutes() {
        when(cleanUp.reduceRequestData(REQUEST_ID)).thenReturn(ErasureCleanUp.Outcome.MAILS_UNSENT,
                ErasureCleanUp.Outcome.MAILS_UNSENT, ErasureCleanUp.Outcome.REDUCED);
        ProcessInstance process = atTheLetter();
        execute(job(process));
        execute(job(process));
        assertThat(process).isWaitingAt("ReceiveTask_AwaitLastMail");

        // the announcement was lost (say the sending node stopped); the timer is the safety net
        lookAgainAfterFifteenMinutes(process, START);
        execute(job(process));
        assertThat(process).as("still a mail unsent: waiting again").isWaitingAt("ReceiveTask_AwaitLastMail");

        lookAgainAfterFifteenMinutes(process, new Date(START.getTime() + FIFTEEN_MINUTES));
        execute(job(process));

        assertThat(process).isEnded().hasPassed("BoundaryEvent_CheckAgain", "EndEvent_Erased");
        verify(cleanUp, times(3)).reduceRequestData(REQUEST_ID);
    }

    /** The timer is due 15 minutes after the wait began, not a minute earlier; fires it. */
    private static void lookAgainAfterFifteenMinutes(ProcessInstance process, Date waitBegan) {
        Date due = new Date(waitBegan.getTime() + FIFTEEN_MINUTES);
        assertThat(job(process).getDuedate()).isEqualTo(due);
        moveClockTo(new Date(due.getTime() - 60_000));
        assertThat(jobQuery().processInstanceId(process.getId()).executable().count()).isZero();
        moveClockTo(due);
        execute(job(process));
        assertThat(process).isWaitingAt("Task_ReduceRequestData");
    }
}
