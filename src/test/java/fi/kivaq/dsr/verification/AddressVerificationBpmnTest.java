package fi.kivaq.dsr.verification;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.support.ProcessTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** Each path of address-verification.bpmn on an in-memory engine, the job executor off. */
class AddressVerificationBpmnTest extends ProcessTest {

    private static final long REQUEST_ID = 42L;
    private static final String REFERENCE = "DSR-2026-00042";

    private final AddressVerification verification = mock(AddressVerification.class);

    @Override
    protected String[] resources() {
        return new String[] {AddressVerificationBeans.BPMN};
    }

    @Override
    protected void registerBeans() {
        AddressVerificationBeans.register(verification, Duration.ofDays(7));
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey("address-verification", REFERENCE,
                Map.of(ProcessVariables.REQUEST_ID, REQUEST_ID));
    }

    private static void confirmLink() {
        runtimeService().createMessageCorrelation(AddressVerificationProcess.MESSAGE_ADDRESS_VERIFIED)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(ProcessVariables.ADDRESS_VERIFIED, true)
                .correlate();
    }

    @Test
    void theLinkIsMailedAfterTheStartCommitsThenTheProcessWaitsForTheRequester() {
        ProcessInstance process = start();

        assertThat(process).isWaitingAt("Task_SendVerificationLink");
        verify(verification, never()).sendLink(anyLong());

        execute(job(process));

        verify(verification).sendLink(REQUEST_ID);
        assertThat(process).isWaitingAt("ReceiveTask_AwaitConfirmation");
    }

    @Test
    void aLinkMailedWhenThePublicRequestWasFiledIsNotMailedAgainAndStillExpires() {
        AddressVerificationBeans.register(verification, Duration.ofDays(7), true);
        ProcessInstance process = start();

        assertThat(process).isWaitingAt("ReceiveTask_AwaitConfirmation").hasPassed("Gateway_LinkOut")
                .hasNotPassed("Task_SendVerificationLink");
        assertThat(jobQuery().timers().singleResult().getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 3, 9, 10, 0)));
        confirmLink();

        assertThat(process).isEnded().hasPassed("EndEvent_AddressVerified");
        verify(verification, never()).sendLink(anyLong());
    }

    @Test
    void aConfirmedLinkEndsVerifiedAndNothingIsClosed() {
        ProcessInstance process = start();
        execute(job(process));

        confirmLink();

        assertThat(process).isEnded().hasPassed("EndEvent_AddressVerified").hasNotPassed("Task_CloseUnverifiedRequest");
        assertThat(jobQuery().count()).as("the expiry timer is gone with the wait").isZero();
        verify(verification, never()).closeUnverified(anyLong());
    }

    @Test
    void theLinkExpiresAfterItsValidityAndNotBefore() {
        ProcessInstance process = start();
        execute(job(process));

        moveClockTo(at(LocalDateTime.of(2026, 3, 9, 9, 59)));
        assertThat(jobQuery().timers().executable().count()).isZero();
        moveClockTo(at(LocalDateTime.of(2026, 3, 9, 10, 0)));
        assertThat(jobQuery().timers().executable().count()).isEqualTo(1);

        execute(job(process));
        assertThat(process).isWaitingAt("Task_CloseUnverifiedRequest");
        execute(job(process));

        InOrder order = inOrder(verification);
        order.verify(verification).sendLink(REQUEST_ID);
        order.verify(verification).closeUnverified(REQUEST_ID);
        assertThat(process).isEnded().hasPassed("EndEvent_AddressNotVerified").hasNotPassed("EndEvent_AddressVerified");
    }

    @Test
    void theLinkValidityComesFromConfiguration() {
        AddressVerificationBeans.register(verification, Duration.ofDays(2));
        ProcessInstance process = start();
        execute(job(process));

        assertThat(jobQuery().timers().singleResult().getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 3, 4, 10, 0)));
    }

    @Test
    void aConfirmationAfterExpiryFindsNoWaitingProcess() {
        ProcessInstance process = start();
        execute(job(process));
        moveClockTo(at(LocalDateTime.of(2026, 3, 9, 10, 0)));
        execute(job(process));

        // AddressVerification.confirm relies on this refusal to report the link as expired
        assertThatThrownBy(AddressVerificationBpmnTest::confirmLink)
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(process).isWaitingAt("Task_CloseUnverifiedRequest");
    }

    @Test
    void aFailingMailIsRetriedAMinuteLaterWithoutLeavingTheStep() {
        doThrow(new IllegalStateException("outbox down")).when(verification).sendLink(REQUEST_ID);
        ProcessInstance process = start();

        assertThatThrownBy(() -> execute(job(process))).hasMessage("outbox down");

        assertThat(process).isWaitingAt("Task_SendVerificationLink");
        assertThat(job(process).getRetries()).isEqualTo(4);
        assertThat(job(process).getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 3, 2, 10, 1)));
    }
}
