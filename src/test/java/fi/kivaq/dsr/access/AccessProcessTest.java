package fi.kivaq.dsr.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.SignedRequestCheck;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;
import fi.kivaq.dsr.verification.IdentityProofProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/** The paths of access.bpmn on the real engine: data found, no data held, refused by a manager, never verified. */
class AccessProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RequestIntake intake;
    @Autowired
    AccessRequests access;
    @Autowired
    TestRegister register;
    @Autowired
    SignedRequestCheck evidenceCheck;

    @BeforeEach
    void engine() {
        init(engine);
    }

    @Test
    void foundDataIsReviewedByStaffAndAnsweredWithTheSignedLetter() {
        String email = uniqueAddress("found");
        long contact = register.subscriber("Löytyvä Henkilö", email, "en");
        register.disclosure(contact, "Workshop Facilitators Oy", "Workshop on 3 March");
        DsrRequest request = file(email, Language.EN);
        verify(email, "confirm");

        MimeMessage receipt = awaitMailWithSubject(email, "access request has been received");
        assertThat(Mails.text(receipt)).contains(request.reference()).contains("We will answer by");
        assertThat(SealedPdf.text(Mails.attachments(receipt).get(0).content())).contains(request.reference());

        Task review = awaitTask(request, AccessProcess.TASK_REVIEW_EXTRACT);
        assertThat(taskService.getIdentityLinksForTask(review.getId()))
                .anyMatch(link -> "dsr-staff".equals(link.getGroupId()) && "candidate".equals(link.getType()));
        assertThat(runtimeService.getVariables(review.getProcessInstanceId()))
                .containsEntry(AccessProcess.DATA_HELD, true)
                .containsEntry(IdentityProofProcess.IDENTITY_PROVEN, true)
                .doesNotContainKeys("email", "name");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(identityProof(request).getId())
                .variableName(ProcessVariables.ADDRESS_VERIFIED).singleResult().getValue())
                .as("proven by the mailed link").isEqualTo(true);
        assertThat(access.currentExtract(request.id()).orElseThrow().extract().contact().email()).isEqualTo(email);

        taskService.complete(review.getId(), Map.of(AccessProcess.REVIEW_DECISION, "APPROVE"));

        HistoricProcessInstance done = awaitEnd(request);
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_Answered");
        MimeMessage answer = awaitMailWithSubject(email, "Answer to your access request");
        byte[] letter = Mails.attachments(answer).get(0).content();
        assertThat(SealedPdf.sealIntact(letter)).isTrue();
        assertThat(SealedPdf.text(letter)).contains("Löytyvä Henkilö").contains(email)
                .contains("Workshop Facilitators Oy").contains("Workshop on 3 March");
        assertThat(status(request)).isEqualTo("COMPLETED");
    }

    @Test
    void anAddressNotInTheRegisterGetsTheNoDataLetterWithoutAStaffReview() {
        String email = uniqueAddress("nobody");
        DsrRequest request = file(email, Language.FI);
        verify(email, "Vahvista");

        HistoricProcessInstance done = awaitEnd(request);
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_NoDataAnswered");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(done.getId())
                .activityId(AccessProcess.TASK_REVIEW_EXTRACT).count()).isZero();
        MimeMessage answer = awaitMailWithSubject(email, "Vastaus tietopyyntöösi");
        String letter = SealedPdf.text(Mails.attachments(answer).get(0).content());
        assertThat(letter).contains(request.reference()).contains(email);
        assertThat(status(request)).isEqualTo("COMPLETED");
        assertThat(awaitMails(email, 3)).extracting(Mails::subject)
                .anyMatch(s -> s.contains("vastaanotettu"));
    }

    @Test
    void aManagerRefusesAManifestlyExcessiveRequestWithAReason() {
        String email = uniqueAddress("excessive");
        register.subscriber("Toistuva Kysyjä", email, "en");
        DsrRequest request = file(email, Language.EN);
        verify(email, "confirm");

        Task review = awaitTask(request, AccessProcess.TASK_REVIEW_EXTRACT);
        taskService.complete(review.getId(), Map.of(AccessProcess.REVIEW_DECISION, "REFER_TO_MANAGER"));
        Task decision = awaitTask(request, AccessProcess.TASK_MANAGER_DECISION);
        assertThat(taskService.getIdentityLinksForTask(decision.getId()))
                .anyMatch(link -> "dsr-managers".equals(link.getGroupId()));
        assertThatThrownBy(() -> taskService.complete(decision.getId(),
                Map.of(AccessProcess.MANAGER_DECISION, "REFUSE")))
                .as("a refusal without its reason is not accepted").hasMessageContaining("reason for the refusal");
        assertThat(awaitTask(request, AccessProcess.TASK_MANAGER_DECISION).getId()).isEqualTo(decision.getId());
        access.recordRefusalReason(request.id(), "manager", "The fifth identical request within a week.");
        taskService.complete(decision.getId(), Map.of(AccessProcess.MANAGER_DECISION, "REFUSE"));

        HistoricProcessInstance done = awaitEnd(request);
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_Refused");
        MimeMessage refusal = awaitMailWithSubject(email, "Decision on your request");
        String letter = SealedPdf.text(Mails.attachments(refusal).get(0).content());
        assertThat(letter).contains("The fifth identical request within a week.")
                .contains("Office of the Data Protection Ombudsman");
        assertThat(TestMailServer.receivedBy(email)).noneMatch(m -> Mails.subject(m).contains("Answer to your access"));
        // the reason is free text: it stays in our table, out of the engine's history
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(done.getId()).list())
                .noneMatch(v -> String.valueOf(v.getValue()).contains("fifth identical"));
    }

    @Test
    void aManagerMayAlsoDecideToAnswer() {
        String email = uniqueAddress("answered");
        register.subscriber("Vastattava Henkilö", email, "en");
        DsrRequest request = file(email, Language.EN);
        verify(email, "confirm");
        taskService.complete(awaitTask(request, AccessProcess.TASK_REVIEW_EXTRACT).getId(),
                Map.of(AccessProcess.REVIEW_DECISION, "REFER_TO_MANAGER"));
        taskService.complete(awaitTask(request, AccessProcess.TASK_MANAGER_DECISION).getId(),
                Map.of(AccessProcess.MANAGER_DECISION, "ANSWER"));
        assertThat(awaitEnd(request).getEndActivityId()).isEqualTo("EndEvent_Answered");
        assertThat(SealedPdf.text(Mails.attachments(awaitMailWithSubject(email, "Answer to your access request"))
                .get(0).content())).contains("Vastattava Henkilö");
    }

    @Test
    void sendingTheExtractBackGathersItAgainWithTheCurrentRegister() {
        String email = uniqueAddress("again");
        long contact = register.subscriber("Uudelleen Koottava", email, "en");
        DsrRequest request = file(email, Language.EN);
        verify(email, "confirm");
        Task first = awaitTask(request, AccessProcess.TASK_REVIEW_EXTRACT);
        assertThat(access.currentExtract(request.id()).orElseThrow().extract().disclosures()).isEmpty();

        register.disclosure(contact, "Late Facilitator Ab", "Added while in review");
        taskService.complete(first.getId(), Map.of(AccessProcess.REVIEW_DECISION, "GATHER_AGAIN"));
        Task second = Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(request.reference()).taskDefinitionKey(AccessProcess.TASK_REVIEW_EXTRACT)
                .singleResult(),
                t -> t != null && !t.getId().equals(first.getId()));
        assertThat(access.currentExtract(request.id()).orElseThrow().extract().disclosures())
                .extracting(d -> d.subcontractor()).containsExactly("Late Facilitator Ab");
        taskService.complete(second.getId(), Map.of(AccessProcess.REVIEW_DECISION, "APPROVE"));
        assertThat(awaitEnd(request).getEndActivityId()).isEqualTo("EndEvent_Answered");
    }

    @Test
    void anUnverifiedRequestIsClosedWithoutAReceiptOrAnAnswer() {
        String email = uniqueAddress("silent");
        register.subscriber("Hiljainen Henkilö", email, "en");
        DsrRequest request = file(email, Language.EN);
        awaitMailWithSubject(email, "confirm");

        Job timer = Awaitility.await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                        .processInstanceBusinessKey(request.reference()).processDefinitionKey("address-verification").list()
                        .stream().map(p -> managementService.createJobQuery().processInstanceId(p.getId()).timers().singleResult())
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null),
                job -> job != null);
        managementService.executeJob(timer.getId());

        HistoricProcessInstance done = awaitEnd(request);
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_ClosedUnverified");
        assertThat(identityProof(request).getEndActivityId()).isEqualTo("EndEvent_IdentityNotProven");
        awaitMailWithSubject(email, "was not confirmed");
        List<String> subjects = TestMailServer.receivedBy(email).stream().map(Mails::subject).toList();
        assertThat(subjects).noneMatch(s -> s.contains("received") || s.contains("Answer"));
        assertThat(status(request)).isEqualTo("CLOSED_UNVERIFIED");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(done.getId())
                .activityId("Task_GatherExtract").count()).isZero();
    }

    @Test
    void aSignedLetterThatDoesNotConvinceStaffFallsBackToTheMailedLink() {
        String email = uniqueAddress("unconvincing");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        SignedRequestCheck.Evidence scan = evidenceCheck.check("scan.png", png, email).evidence();
        DsrRequest request = intake.fileByStaff(new NewRequest(RequestType.ACCESS, email, null, Language.EN, null,
                RequestChannel.STAFF, Instant.now()), ReceivedVia.LETTER, "staff", Optional.of(scan));

        Task check = awaitTask(request, IdentityProofProcess.TASK_CHECK_SIGNED_REQUEST);
        assertThat(check.getProcessInstanceId()).as("the check is a task of the called identity proof")
                .isEqualTo(identityProof(request).getId());
        assertThat(runtimeService.getVariables(check.getProcessInstanceId()))
                .containsEntry(ProcessVariables.VERIFICATION_REQUIRED, false)
                .containsEntry(ProcessVariables.EVIDENCE_CHECK_REQUIRED, true);
        assertThat(TestMailServer.receivedBy(email)).isEmpty();
        taskService.complete(check.getId(), Map.of(ProcessVariables.IDENTITY_CONFIRMED, false));

        verify(email, "confirm");
        HistoricProcessInstance done = awaitEnd(request);
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_NoDataAnswered");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(identityProof(request).getId())
                .activityId(IdentityProofProcess.TASK_VERIFY_ADDRESS).finished().count()).isEqualTo(1);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(done.getId())
                .variableName(IdentityProofProcess.IDENTITY_PROVEN).singleResult().getValue()).isEqualTo(true);
        awaitMailWithSubject(email, "Answer to your access request");
    }

    private DsrRequest file(String email, Language language) {
        return intake.file(new NewRequest(RequestType.ACCESS, email, null, language, null, RequestChannel.API,
                Instant.now()));
    }

    private void verify(String email, String subjectPart) {
        String link = Mails.verificationPath(awaitMailWithSubject(email, subjectPart));
        assertThat(http().post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode()).isEqualTo(200);
    }

    private Task awaitTask(DsrRequest request, String taskKey) {
        return Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(request.reference()).taskDefinitionKey(taskKey).singleResult(),
                t -> t != null);
    }

    private HistoricProcessInstance awaitEnd(DsrRequest request) {
        return Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(request.reference()).processDefinitionKey(AccessProcess.KEY).finished()
                .singleResult(),
                p -> p != null);
    }

    /** The identity proof that the request's access process called (one per request). */
    private HistoricProcessInstance identityProof(DsrRequest request) {
        HistoricProcessInstance proof = historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(request.reference()).processDefinitionKey(IdentityProofProcess.KEY)
                .singleResult();
        assertThat(proof.getSuperProcessInstanceId()).isEqualTo(historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(request.reference()).processDefinitionKey(AccessProcess.KEY)
                .singleResult().getId());
        return proof;
    }

    private String status(DsrRequest request) {
        return Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql("select status from dsr_request where id = :id")
                .param("id", request.id()).query(String.class).single(), s -> !s.equals("IN_PROGRESS")
                && !s.equals("AWAITING_VERIFICATION"));
    }
}
