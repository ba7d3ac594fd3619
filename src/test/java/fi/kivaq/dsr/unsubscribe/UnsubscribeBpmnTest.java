package fi.kivaq.dsr.unsubscribe;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.support.ProcessTest;
import fi.kivaq.dsr.verification.AddressVerificationBeans;
import fi.kivaq.dsr.verification.AddressVerificationProcess;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Each path of unsubscribe.bpmn (with the address verification it calls) on an in-memory engine, the job executor off. */
class UnsubscribeBpmnTest extends ProcessTest {

    private static final long REQUEST_ID = 7L;
    private static final String REFERENCE = "DSR-2026-00007";

    private final NewsletterUnsubscribe unsubscribe = mock(NewsletterUnsubscribe.class);
    private AddressVerificationBeans.LinkCalls links;

    @Override
    protected String[] resources() {
        return new String[] {"bpmn/unsubscribe.bpmn", AddressVerificationBeans.BPMN};
    }

    @Override
    protected void registerBeans() {
        Mocks.register("withdrawNewsletterConsentDelegate", new WithdrawNewsletterConsentDelegate(unsubscribe));
        Mocks.register("sendUnsubscribeConfirmationDelegate", new SendUnsubscribeConfirmationDelegate(unsubscribe));
        links = AddressVerificationBeans.register(Duration.ofDays(7));
    }

    private static ProcessInstance start(boolean verificationRequired) {
        return runtimeService().startProcessInstanceByKey(UnsubscribeProcess.KEY, REFERENCE, Map.of(
                ProcessVariables.REQUEST_ID, REQUEST_ID, ProcessVariables.VERIFICATION_REQUIRED, verificationRequired));
    }

    @Test
    void aOneClickRequestWithdrawsTheConsentInTheStartingTransactionAndConfirmsAfterIt() {
        ProcessInstance process = start(false);

        // withdrawn before startProcessInstance returns, i.e. inside the click's own request
        verify(unsubscribe).withdrawForRequest(REQUEST_ID);
        verify(unsubscribe, never()).confirm(anyLong());
        assertThat(process).hasPassed(UnsubscribeProcess.TASK_WITHDRAW_CONSENT)
                .isWaitingAt(UnsubscribeProcess.TASK_SEND_CONFIRMATION).hasNotPassed("CallActivity_VerifyAddress");

        execute(job(process));

        verify(unsubscribe).confirm(REQUEST_ID);
        assertThat(process).isEnded().hasPassed("EndEvent_NewsletterStopped");
    }

    @Test
    void aFormRequestWithdrawsTheConsentInTheStartingTransactionAndConfirmsOnlyAfterTheLink() {
        ProcessInstance process = start(true);

        // withdrawn before startProcessInstance returns, i.e. inside the form's own request, before any link
        verify(unsubscribe).withdrawForRequest(REQUEST_ID);
        assertThat(process).hasPassed(UnsubscribeProcess.TASK_WITHDRAW_CONSENT).isWaitingAt("CallActivity_VerifyAddress");
        ProcessInstance verifying = calledProcessInstance("address-verification", process);
        assertThat(verifying).hasBusinessKey(REFERENCE).variables().containsEntry(ProcessVariables.REQUEST_ID, REQUEST_ID);
        execute(job(verifying));
        assertThat(verifying).isWaitingAt("ReceiveTask_AwaitConfirmation");
        links.assertLinkSent(REQUEST_ID);
        // the answer goes only to a verified address
        verify(unsubscribe, never()).confirm(anyLong());

        // what AddressVerification.confirm does when the requester presses the button
        runtimeService().createMessageCorrelation(AddressVerificationProcess.MESSAGE_ADDRESS_VERIFIED)
                .processInstanceBusinessKey(REFERENCE).setVariable(ProcessVariables.ADDRESS_VERIFIED, true).correlate();

        assertThat(process).isWaitingAt(UnsubscribeProcess.TASK_SEND_CONFIRMATION).variables()
                .containsEntry(ProcessVariables.ADDRESS_VERIFIED, true);
        execute(job(process));

        // withdrawn once, at the start; the confirmed link brings the letter and withdraws nothing more
        InOrder order = inOrder(unsubscribe);
        order.verify(unsubscribe).withdrawForRequest(REQUEST_ID);
        order.verify(unsubscribe).confirm(REQUEST_ID);
        verify(unsubscribe, times(1)).withdrawForRequest(anyLong());
        assertThat(process).isEnded().hasPassed("CallActivity_VerifyAddress", "EndEvent_NewsletterStopped");
    }

    @Test
    void anUnconfirmedLinkClosesTheRequestAndTheConsentStaysWithdrawn() {
        ProcessInstance process = start(true);
        verify(unsubscribe).withdrawForRequest(REQUEST_ID);
        ProcessInstance verifying = calledProcessInstance("address-verification", process);
        execute(job(verifying));

        moveClockTo(at(LocalDateTime.of(2026, 3, 9, 10, 0)));
        execute(job(verifying));
        execute(job(verifying));

        links.assertClosedUnverified(REQUEST_ID);
        // nothing undoes the withdrawal, and no letter goes to an address nobody verified
        verify(unsubscribe, times(1)).withdrawForRequest(anyLong());
        verify(unsubscribe, never()).confirm(anyLong());
        assertThat(process).isEnded().hasPassed(UnsubscribeProcess.TASK_WITHDRAW_CONSENT, "EndEvent_ClosedUnverified")
                .hasNotPassed(UnsubscribeProcess.TASK_SEND_CONFIRMATION);
    }

    @Test
    void aFailedConfirmationIsRetriedAndTheWithdrawalStands() {
        doThrow(new IllegalStateException("outbox down")).when(unsubscribe).confirm(REQUEST_ID);
        ProcessInstance process = start(false);

        assertThatThrownBy(() -> execute(job(process))).hasMessage("outbox down");

        assertThat(process).isWaitingAt("Task_SendConfirmation");
        assertThat(job(process)).hasRetries(4);
        verify(unsubscribe).withdrawForRequest(REQUEST_ID);
    }
}
