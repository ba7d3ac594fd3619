package fi.kivaq.dsr.verification;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.shared.ProcessVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path of identity-proof.bpmn (with address-verification.bpmn, which it calls) on a bare in-memory engine with
 * the job executor off: each job is executed by the test, so a change to the process is checked in seconds, without
 * starting the application. The delegates are the real ones over a {@link AddressVerification} that only records
 * what it was asked to do; what that service does (tokens, mails, the request's status) is covered by the
 * end-to-end tests.
 */
class IdentityProofProcessTest {

    private static final long REQUEST_ID = 42L;
    private static final String LINK_VALIDITY = "P14D";

    private static ProcessEngine engine;

    private RecordingAddressVerification addressVerification;

    @BeforeAll
    static void bareEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
        // its own name: the application's engine is "default", and ProcessEngines keeps one engine per name
        configuration.setProcessEngineName("identity-proof-test");
        configuration.setJdbcUrl("jdbc:h2:mem:identity-proof-test;DB_CLOSE_DELAY=1000");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setExpressionManager(new MockExpressionManager());
        // neither CMMN nor DMN is used: fewer tables to create at each start
        configuration.setCmmnEnabled(false);
        configuration.setDmnEnabled(false);
        configuration.setDbMetricsReporterActivate(false);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("bpmn/identity-proof.bpmn")
                .addClasspathResource("bpmn/address-verification.bpmn")
                .deploy();
    }

    @AfterAll
    static void closeEngine() {
        Mocks.reset();
        BpmnAwareTests.reset();
        engine.close();
    }

    @BeforeEach
    void delegates() {
        BpmnAwareTests.init(engine);
        addressVerification = new RecordingAddressVerification();
        Mocks.register("processTimers", new ProcessTimers(null) {
            @Override
            public String getVerificationLinkValidity() {
                return LINK_VALIDITY;
            }
        });
        Mocks.register("sendVerificationLinkDelegate", new SendVerificationLinkDelegate(addressVerification));
        Mocks.register("linkAtFiling", new LinkAtFiling(addressVerification, null) {
            @Override
            public boolean mailed(long requestId) {
                return false; // a request registered by staff: the process mails the link
            }
        });
        Mocks.register("closeUnverifiedRequestDelegate", new CloseUnverifiedRequestDelegate(addressVerification));
        Mocks.register("signedRequestCheckListener", new SignedRequestCheckListener());
    }

    @Test
    void aConfirmedLinkProvesIdentity() {
        ProcessInstance proof = start(true, false);
        assertThat(proof).isWaitingAt(IdentityProofProcess.TASK_VERIFY_ADDRESS);

        ProcessInstance link = mailLink(proof);
        confirmLink(proof);

        assertThat(link).isEnded().hasPassed("EndEvent_AddressVerified");
        assertThat(proof).isEnded().hasPassed(IdentityProofProcess.TASK_VERIFY_ADDRESS, "EndEvent_IdentityProven")
                .hasNotPassed(IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST);
        assertThat(identityProven(proof)).isTrue();
    }

    @Test
    void aLinkThatExpiresUnusedLeavesIdentityUnprovenAndClosesTheRequest() {
        ProcessInstance proof = start(true, false);
        ProcessInstance link = mailLink(proof);

        Job expiry = job("BoundaryEvent_LinkExpired", link);
        assertThat(expiry.getDuedate().toInstant())
                .isAfter(Instant.now().plus(Duration.parse(LINK_VALIDITY)).minusSeconds(60));
        execute(expiry);
        assertThat(link).isWaitingAt("Task_CloseUnverifiedRequest");
        execute(job("Task_CloseUnverifiedRequest", link));

        assertThat(addressVerification.closed).containsExactly(REQUEST_ID);
        assertThat(link).isEnded().hasPassed("EndEvent_AddressNotVerified");
        assertThat(proof).isEnded().hasPassed("EndEvent_IdentityNotProven").hasNotPassed("EndEvent_IdentityProven");
        assertThat(identityProven(proof)).isFalse();
    }

    @Test
    void aSignedLetterThatConvincesStaffProvesIdentityWithoutALink() {
        ProcessInstance proof = start(false, true);
        Task check = checkTask(proof);

        complete(check, withVariables(ProcessVariables.IDENTITY_CONFIRMED, true));

        assertThat(proof).isEnded().hasPassed(IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST, "EndEvent_IdentityProven")
                .hasNotPassed(IdentityProofProcess.TASK_VERIFY_ADDRESS);
        assertThat(addressVerification.linksSent).isEmpty();
        assertThat(identityProven(proof)).isTrue();
    }

    @Test
    void aSignedLetterThatDoesNotConvinceStaffFallsBackToTheMailedLink() {
        ProcessInstance proof = start(false, true);

        complete(checkTask(proof), withVariables(ProcessVariables.IDENTITY_CONFIRMED, false));
        assertThat(proof).isWaitingAt(IdentityProofProcess.TASK_VERIFY_ADDRESS);
        mailLink(proof);
        confirmLink(proof);

        assertThat(proof).isEnded().hasPassed(IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST,
                IdentityProofProcess.TASK_VERIFY_ADDRESS, "EndEvent_IdentityProven");
        assertThat(identityProven(proof)).isTrue();
    }

    @Test
    void aVerifiedDigitalSignatureOrAStaffCorrectionNeedsNoFurtherProof() {
        ProcessInstance proof = start(false, false);

        assertThat(proof).isEnded().hasPassed("Gateway_HowToProve", "Gateway_IdentityProven", "EndEvent_IdentityProven")
                .hasNotPassed(IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST, IdentityProofProcess.TASK_VERIFY_ADDRESS);
        assertThat(addressVerification.linksSent).isEmpty();
        assertThat(identityProven(proof)).isTrue();
    }

    /** The start variables that {@code RequestFiled} gives the calling processes, which they pass on unchanged. */
    private ProcessInstance start(boolean verificationRequired, boolean evidenceCheckRequired) {
        return engine.getRuntimeService().startProcessInstanceByKey(IdentityProofProcess.KEY,
                "DSR-TEST-" + UUID.randomUUID(), Map.of(
                        ProcessVariables.REQUEST_ID, REQUEST_ID,
                        ProcessVariables.VERIFICATION_REQUIRED, verificationRequired,
                        ProcessVariables.EVIDENCE_CHECK_REQUIRED, evidenceCheckRequired));
    }

    /** Runs the link's mail job and checks the link went out for this request; returns the waiting sub-process. */
    private ProcessInstance mailLink(ProcessInstance proof) {
        ProcessInstance link = calledProcessInstance("address-verification", proof);
        assertThat(link).isWaitingAt("Task_SendVerificationLink");
        assertThat(link.getBusinessKey()).isEqualTo(proof.getBusinessKey());
        execute(job("Task_SendVerificationLink", link));
        assertThat(addressVerification.linksSent).containsExactly(REQUEST_ID);
        assertThat(link).isWaitingAt("ReceiveTask_AwaitConfirmation");
        return link;
    }

    /** What {@link AddressVerification#confirm} does to the engine when the requester presses the button. */
    private void confirmLink(ProcessInstance proof) {
        engine.getRuntimeService().createMessageCorrelation(AddressVerificationProcess.MESSAGE_ADDRESS_VERIFIED)
                .processInstanceBusinessKey(proof.getBusinessKey())
                .setVariable(ProcessVariables.ADDRESS_VERIFIED, true)
                .correlate();
    }

    /** The staff check: a dsr-staff task with its task form (served by the tasklist module, in staff's language). */
    private Task checkTask(ProcessInstance proof) {
        assertThat(proof).isWaitingAt(IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST);
        Task check = task(IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST, proof);
        assertThat(check).hasCandidateGroup("dsr-staff");
        assertThat(engine.getFormService().getTaskFormKey(check.getProcessDefinitionId(), check.getTaskDefinitionKey()))
                .isEqualTo("embedded:/staff/task-forms/check-signed-request");
        return check;
    }

    /** The flag the calling processes map out; read from history because the instance has ended. */
    private Boolean identityProven(ProcessInstance proof) {
        HistoricVariableInstance flag = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(proof.getId()).variableName(IdentityProofProcess.IDENTITY_PROVEN).singleResult();
        assertThat(flag).as(IdentityProofProcess.IDENTITY_PROVEN + " is set").isNotNull();
        return (Boolean) flag.getValue();
    }

    /** Records the requests it was asked to mail a link for, or to close; touches no table and sends nothing. */
    private static final class RecordingAddressVerification extends AddressVerification {

        final List<Long> linksSent = new ArrayList<>();
        final List<Long> closed = new ArrayList<>();

        RecordingAddressVerification() {
            super(null, null, null, null, null, null);
        }

        @Override
        public void sendLink(long requestId) {
            linksSent.add(requestId);
        }

        @Override
        public void closeUnverified(long requestId) {
            closed.add(requestId);
        }
    }
}
