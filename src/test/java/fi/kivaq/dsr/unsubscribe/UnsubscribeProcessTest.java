package fi.kivaq.dsr.unsubscribe;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestRegister;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/** The paths of unsubscribe.bpmn on the real engine, checked activity by activity with camunda-bpm-assert. */
class UnsubscribeProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    RequestIntake intake;
    @Autowired
    TestRegister register;
    @Autowired
    ContactRegister contacts;

    @BeforeEach
    void engine() {
        init(engine);
    }

    @Test
    void aFormRequestWithdrawsTheConsentAsItIsFiledAndWaitsForVerificationBeforeConfirming() {
        String email = uniqueAddress("waiting");
        long contact = register.subscriber("Odottava Tilaaja", email, "fi");
        DsrRequest request = intake.file(new NewRequest(RequestType.UNSUBSCRIBE, email, null, Language.FI, null,
                RequestChannel.API, java.time.Instant.now()));

        // withdrawn when intake.file returned, i.e. in the filing transaction, naming the request and its channel
        org.assertj.core.api.Assertions.assertThat(contacts.isSubscribed(contact)).isFalse();
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
                        select channel, request_id from newsletter_consent_event where contact_id = :c and kind = 'WITHDRAWN'""")
                .param("c", contact).query((rs, i) -> rs.getString("channel") + " " + rs.getLong("request_id")).single())
                .isEqualTo("REQUEST_FORM " + request.id());
        // and the verification link is in the outbox, on the links' lane (priority 0), committed with the request
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                        "select priority from outbox_mail where request_id = :id").param("id", request.id())
                .query(Integer.class).list()).containsExactly(0);

        // the processes start just after the filing commit (ProcessStarter)
        ProcessInstance parent = Awaitility.await().atMost(PATIENCE).until(() -> processOf(request, "unsubscribe"),
                p -> p != null);
        ProcessInstance verification = Awaitility.await().atMost(PATIENCE).until(
                () -> processOf(request, "address-verification"), p -> p != null
                        && runtimeService.createExecutionQuery().processInstanceId(p.getId())
                        .activityId("ReceiveTask_AwaitConfirmation").count() == 1);

        assertThat(parent).hasPassed(UnsubscribeProcess.TASK_WITHDRAW_CONSENT).isWaitingAt("CallActivity_VerifyAddress")
                .hasNotPassed(UnsubscribeProcess.TASK_SEND_CONFIRMATION);
        // mailed at filing, not again by the process
        assertThat(verification).hasNotPassed("Task_SendVerificationLink").isWaitingAt("ReceiveTask_AwaitConfirmation");
        org.assertj.core.api.Assertions.assertThat(runtimeService.getVariables(parent.getId()))
                .containsOnlyKeys(ProcessVariables.REQUEST_ID, ProcessVariables.VERIFICATION_REQUIRED)
                .containsEntry(ProcessVariables.VERIFICATION_REQUIRED, true);
    }

    @Test
    void aOneClickRequestSkipsVerificationAndEndsWithTheConfirmation() {
        String email = uniqueAddress("clicker");
        long contact = register.subscriber("Napsauttaja", email, "fi");
        String token = register.unsubscribePath(contact).substring("/unsubscribe/".length());
        http().post("/unsubscribe/" + token, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes());
        String reference = jdbc.sql("select reference from dsr_request where contact_id = :c").param("c", contact)
                .query(String.class).single();

        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey("unsubscribe").finished().count() == 1);
        var instance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("unsubscribe").singleResult();
        org.assertj.core.api.Assertions.assertThat(instance.getProcessDefinitionKey()).isEqualTo("unsubscribe");
        org.assertj.core.api.Assertions.assertThat(instance.getEndActivityId()).isEqualTo("EndEvent_NewsletterStopped");
        org.assertj.core.api.Assertions.assertThat(historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId("CallActivity_VerifyAddress").count()).isZero();
        org.assertj.core.api.Assertions.assertThat(historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId("Task_SendConfirmation").finished().count()).isEqualTo(1);
    }

    private ProcessInstance processOf(DsrRequest request, String key) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                .processDefinitionKey(key).singleResult();
    }

}
