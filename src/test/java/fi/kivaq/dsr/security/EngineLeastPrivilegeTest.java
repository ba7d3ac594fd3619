package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/**
 * Least privilege on the engine, through real HTTP against {@code /engine-rest}: staff see and work only the tasks of
 * their own candidate groups, only managers the managers' tasks, and nobody but an administrator starts processes or
 * changes variables or instances. Every task completion and every write is in the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineLeastPrivilegeTest extends IntegrationTest {

    private static final String PROBE = "least-privilege-probe";

    @Autowired
    StaffUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;

    private final String[] staff = Http.basicAuth("lp-staff", "s3cret-lp-staff");
    private final String[] manager = Http.basicAuth("lp-manager", "s3cret-lp-manager");
    private final String[] admin = Http.basicAuth("lp-admin", "s3cret-lp-admin");

    private String instance;

    @BeforeAll
    void probeProcess() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("Split")
                .userTask("UserTask_Staff").name("Staff work").camundaCandidateGroups(StaffGroups.STAFF).endEvent("StaffDone")
                .moveToNode("Split")
                .userTask("UserTask_Manager").name("Manager decision").camundaCandidateGroups(StaffGroups.MANAGERS).endEvent("ManagerDone")
                .done();
        repositoryService.createDeployment().name(PROBE).addModelInstance(PROBE + ".bpmn", model).deploy();
    }

    @BeforeEach
    void usersAndInstance() {
        if (identityService.createGroupQuery().groupId(StaffGroups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identityService.newGroup(StaffGroups.CAMUNDA_ADMIN);
            group.setName("Camunda administrators");
            identityService.saveGroup(group);
        }
        users.ensure("lp-staff", "s3cret-lp-staff", StaffGroups.STAFF);
        users.ensure("lp-manager", "s3cret-lp-manager", StaffGroups.MANAGERS);
        users.ensure("lp-admin", "s3cret-lp-admin", StaffGroups.CAMUNDA_ADMIN);
        instance = runtimeService.startProcessInstanceByKey(PROBE, "DSR-PROBE-" + UUID.randomUUID()).getId();
    }

    private Task task(String key) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    }

    @Test
    void staffSeeOnlyTheirOwnGroupsTasksAndManagersTheirs() {
        Http http = http();
        String staffTask = task("UserTask_Staff").getId();
        String managerTask = task("UserTask_Manager").getId();

        String staffList = http.get("/engine-rest/task?processInstanceId=" + instance, staff).body();
        assertThat(staffList).contains(staffTask).doesNotContain(managerTask);
        assertThat(http.get("/engine-rest/task/" + managerTask, staff).statusCode()).isIn(403, 404);

        String managerList = http.get("/engine-rest/task?processInstanceId=" + instance, manager).body();
        assertThat(managerList).contains(managerTask).doesNotContain(staffTask);
    }

    @Test
    void staffCannotClaimOrCompleteAManagersTask() {
        Http http = http();
        String managerTask = task("UserTask_Manager").getId();

        assertThat(http.postJson("/engine-rest/task/" + managerTask + "/claim", "{\"userId\":\"lp-staff\"}", staff)
                .statusCode()).isIn(403, 404);
        assertThat(http.postJson("/engine-rest/task/" + managerTask + "/complete", "{}", staff).statusCode())
                .isIn(403, 404);
        assertThat(task("UserTask_Manager")).isNotNull();
        assertThat(task("UserTask_Manager").getAssignee()).isNull();

        assertThat(http.postJson("/engine-rest/task/" + managerTask + "/complete", "{}", manager).statusCode())
                .isEqualTo(204);
        assertThat(task("UserTask_Manager")).isNull();
    }

    @Test
    void onlyAdministratorsStartProcessesOrChangeVariablesAndInstances() {
        Http http = http();
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("unsubscribe").count();
        for (String[] user : List.of(staff, manager)) {
            assertThat(http.postJson("/engine-rest/process-definition/key/unsubscribe/start",
                    "{\"variables\":{\"verificationRequired\":{\"value\":false,\"type\":\"Boolean\"}}}", user)
                    .statusCode()).isEqualTo(403);
            assertThat(http.postJson("/engine-rest/process-definition/key/daily-digest/start", "{}", user).statusCode())
                    .isEqualTo(403);
            assertThat(http.postJson("/engine-rest/process-definition/key/" + PROBE + "/start", "{}", user).statusCode())
                    .isEqualTo(403);
            assertThat(http.postJson("/engine-rest/process-instance/" + instance + "/variables",
                    "{\"modifications\":{\"verificationRequired\":{\"value\":false,\"type\":\"Boolean\"}}}", user)
                    .statusCode()).isEqualTo(403);
            assertThat(http.postJson("/engine-rest/task/" + task("UserTask_Staff").getId() + "/variables",
                    "{\"modifications\":{\"verificationRequired\":{\"value\":false,\"type\":\"Boolean\"}}}", user)
                    .statusCode()).isEqualTo(403);
            assertThat(http.postJson("/engine-rest/process-instance/" + instance + "/modification",
                    "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"UserTask_Staff\"}]}", user)
                    .statusCode()).isEqualTo(403);
            assertThat(http.post("/engine-rest/process-instance/" + instance + "/suspended", "application/json",
                    "{\"suspended\":true}".getBytes(), user).statusCode()).isIn(403, 405);
        }
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("unsubscribe").count()).isEqualTo(before);
        assertThat(runtimeService.getVariables(instance)).doesNotContainKey("verificationRequired");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).active().count()).isEqualTo(1);
        assertThat(task("UserTask_Staff")).isNotNull();

        HttpResponse<String> started = http.postJson("/engine-rest/process-definition/key/" + PROBE + "/start", "{}", admin);
        assertThat(started.statusCode()).isEqualTo(200);
    }

    @Test
    void everyTaskCompletionAndEveryWriteIsAudited() {
        Http http = http();
        String staffTask = task("UserTask_Staff").getId();
        assertThat(http.postJson("/engine-rest/task/" + staffTask + "/complete", "{}", staff).statusCode()).isEqualTo(204);
        assertThat(http.postJson("/engine-rest/process-instance/" + instance + "/variables",
                "{\"modifications\":{\"x\":{\"value\":1,\"type\":\"Integer\"}}}", staff).statusCode()).isEqualTo(403);

        List<String> completions = jdbc.sql("select actor || ' ' || detail from audit_log where action = 'COMPLETE_TASK' and detail like :task")
                .param("task", "%" + staffTask + "%").query(String.class).list();
        assertThat(completions).singleElement().asString()
                .startsWith("lp-staff ").contains("UserTask_Staff").contains(instance);

        List<String> writes = jdbc.sql("select actor || ' ' || detail from audit_log where action = 'ENGINE_REST_WRITE' and detail like :path")
                .param("path", "%" + instance + "/variables%").query(String.class).list();
        assertThat(writes).singleElement().asString().startsWith("lp-staff ").contains("POST").contains("403");
        List<String> completeCall = jdbc.sql("select actor || ' ' || detail from audit_log where action = 'ENGINE_REST_WRITE' and detail like :path")
                .param("path", "%" + staffTask + "/complete%").query(String.class).list();
        assertThat(completeCall).singleElement().asString().startsWith("lp-staff ").contains("204");
    }

    @Test
    void aCompletionOnOurOwnPagesIsAuditedWithTheLoggedInUser() {
        // our pages complete tasks without an engine authentication: the actor comes from the staff login
        String staffTask = task("UserTask_Staff").getId();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        "page-user", null, List.of()));
        try {
            taskService.complete(staffTask);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(jdbc.sql("select actor from audit_log where action = 'COMPLETE_TASK' and detail like :task")
                .param("task", "%" + staffTask + "%").query(String.class).list()).containsExactly("page-user");
    }
}
