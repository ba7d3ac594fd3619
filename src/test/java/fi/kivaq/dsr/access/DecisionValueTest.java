package fi.kivaq.dsr.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

/**
 * A decision that is none of its values, completed through {@code /engine-rest} as Tasklist or a script would:
 * refused with a message naming the values, the task still open, and a proper value afterwards goes through. The
 * refusal's sentence is in the staff member's language (cookie {@code dsr-lang}, else {@code Accept-Language}, else
 * English).
 */
class DecisionValueTest extends IntegrationTest {

    static final String STAFF_USER = "decision-value-staff";
    static final String STAFF_PASSWORD = "s3cret-decision-staff";
    static final String MANAGER_USER = "decision-value-manager";
    static final String MANAGER_PASSWORD = "s3cret-decision-manager";

    @Autowired
    StaffUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    RequestIntake intake;
    @Autowired
    TestRegister register;

    @BeforeEach
    void users() {
        users.ensure(STAFF_USER, STAFF_PASSWORD, StaffGroups.STAFF);
        if (identityService.createUserQuery().userId(MANAGER_USER).count() == 0) {
            users.ensure(MANAGER_USER, MANAGER_PASSWORD, StaffGroups.STAFF);
            identityService.createMembership(MANAGER_USER, StaffGroups.MANAGERS);
        }
    }

    @Test
    void aReviewDecisionThatIsNoneOfItsValuesIsRefusedAndTheTaskStaysOpen() {
        DsrRequest request = verifiedAccessRequest("bogus-review");
        Task review = awaitTask(request, AccessProcess.TASK_REVIEW_EXTRACT);

        HttpResponse<String> bogus = complete(review, AccessProcess.REVIEW_DECISION, "BOGUS", STAFF_USER, STAFF_PASSWORD);
        assertThat(bogus.statusCode()).as(bogus.body()).isEqualTo(400);
        assertThat(bogus.body()).contains("BOGUS").contains("APPROVE, GATHER_AGAIN, REFER_TO_MANAGER")
                .doesNotContain("ENGINE-02004");
        HttpResponse<String> missing = completeWithout(review, STAFF_USER, STAFF_PASSWORD);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(missing.body()).contains(AccessProcess.REVIEW_DECISION);
        assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).as("the task stays open").isEqualTo(1);

        HttpResponse<String> referred = complete(review, AccessProcess.REVIEW_DECISION, "REFER_TO_MANAGER",
                STAFF_USER, STAFF_PASSWORD);
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(204);
        Task decision = awaitTask(request, AccessProcess.TASK_MANAGER_DECISION);

        HttpResponse<String> lowerCase = complete(decision, AccessProcess.MANAGER_DECISION, "answer",
                MANAGER_USER, MANAGER_PASSWORD);
        assertThat(lowerCase.statusCode()).as(lowerCase.body()).isEqualTo(400);
        assertThat(lowerCase.body()).contains("ANSWER, REFUSE");
        assertThat(taskService.createTaskQuery().taskId(decision.getId()).count()).isEqualTo(1);

        HttpResponse<String> answered = complete(decision, AccessProcess.MANAGER_DECISION, "ANSWER",
                MANAGER_USER, MANAGER_PASSWORD);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
        awaitMailWithSubject(request.requesterEmail(), "Answer to your access request");
    }

    @Test
    void aRefusalSpeaksTheStaffMembersLanguage() {
        DsrRequest request = verifiedAccessRequest("refusal-language");
        Task review = awaitTask(request, AccessProcess.TASK_REVIEW_EXTRACT);

        HttpResponse<String> finnish = complete(review, AccessProcess.REVIEW_DECISION, "BOGUS", STAFF_USER,
                STAFF_PASSWORD, "Cookie", "dsr-lang=fi", "Accept-Language", "en");
        assertThat(finnish.statusCode()).as(finnish.body()).isEqualTo(400);
        // (the body is JSON: the quotes around the value are escaped there)
        assertThat(finnish.body()).contains("Päätös reviewDecision", "BOGUS",
                "ei ole mikään näistä: APPROVE, GATHER_AGAIN, REFER_TO_MANAGER").doesNotContain("is none of");
        HttpResponse<String> swedish = complete(review, AccessProcess.REVIEW_DECISION, "BOGUS", STAFF_USER,
                STAFF_PASSWORD, "Accept-Language", "de, sv-FI;q=0.8, fi;q=0.5");
        assertThat(swedish.statusCode()).as(swedish.body()).isEqualTo(400);
        assertThat(swedish.body()).contains("Beslutet reviewDecision", "är inget av APPROVE");
        HttpResponse<String> english = complete(review, AccessProcess.REVIEW_DECISION, "BOGUS", STAFF_USER,
                STAFF_PASSWORD);
        assertThat(english.body()).contains("The decision reviewDecision", "is none of APPROVE");

        assertThat(complete(review, AccessProcess.REVIEW_DECISION, "REFER_TO_MANAGER", STAFF_USER, STAFF_PASSWORD)
                .statusCode()).isEqualTo(204);
        Task decision = awaitTask(request, AccessProcess.TASK_MANAGER_DECISION);
        // the manager's refusal without a recorded reason, the case of issue 13
        HttpResponse<String> noReason = complete(decision, AccessProcess.MANAGER_DECISION, "REFUSE",
                MANAGER_USER, MANAGER_PASSWORD, "Cookie", "dsr-lang=fi");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.body()).contains("Kirjoita kieltäytymisen peruste ensin henkilökunnan sivulle: "
                + "/staff/requests/id/" + request.id()).doesNotContain("ENGINE-");
        HttpResponse<String> noReasonEnglish = complete(decision, AccessProcess.MANAGER_DECISION, "REFUSE",
                MANAGER_USER, MANAGER_PASSWORD);
        assertThat(noReasonEnglish.body()).contains("Write the reason for the refusal on the staff page first: "
                + "/staff/requests/id/" + request.id());
        assertThat(taskService.createTaskQuery().taskId(decision.getId()).count()).as("the task stays open").isOne();
    }

    private DsrRequest verifiedAccessRequest(String prefix) {
        String email = uniqueAddress(prefix);
        register.subscriber("Päätös Testinen", email, "en");
        DsrRequest request = intake.file(new NewRequest(RequestType.ACCESS, email, null, Language.EN, null,
                RequestChannel.API, Instant.now()));
        String link = Mails.verificationPath(awaitMailWithSubject(email, "confirm"));
        assertThat(http().post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode()).isEqualTo(200);
        return request;
    }

    private Task awaitTask(DsrRequest request, String taskKey) {
        return Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(request.reference()).taskDefinitionKey(taskKey).singleResult(),
                t -> t != null);
    }

    private HttpResponse<String> complete(Task task, String variable, String value, String user, String password,
                                          String... headers) {
        return http().postJson("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"%s\":{\"value\":\"%s\",\"type\":\"String\"}}}".formatted(variable, value),
                java.util.stream.Stream.concat(java.util.Arrays.stream(Http.basicAuth(user, password)),
                        java.util.Arrays.stream(headers)).toArray(String[]::new));
    }

    private HttpResponse<String> completeWithout(Task task, String user, String password) {
        return http().postJson("/engine-rest/task/" + task.getId() + "/complete", "{\"variables\":{}}",
                Http.basicAuth(user, password));
    }
}
