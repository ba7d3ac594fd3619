package fi.kivaq.dsr.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;

/**
 * A public request is stored and answered first; its processes start just after that commit, exactly once, and a
 * requester who confirms the link before they have started is not asked again.
 */
class ProcessStarterTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    @Autowired
    ProcessStarter starter;
    @Autowired
    RequestIntake intake;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    private String file(String email) {
        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","language":"en"}""".formatted(email));
        assertThat(filed.statusCode()).isEqualTo(202);
        Matcher reference = REFERENCE.matcher(filed.body());
        assertThat(reference.find()).as(filed.body()).isTrue();
        return reference.group(1);
    }

    private long processes(String reference) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).count();
    }

    private boolean started(String reference) {
        return jdbc.sql("select processes_started from dsr_request where reference = :reference")
                .param("reference", reference).query(Boolean.class).single();
    }

    @Test
    void theProcessesOfAPublicRequestStartJustAfterItsFilingCommits() {
        String reference = file(uniqueAddress("starter"));

        Awaitility.await().atMost(PATIENCE).until(() -> started(reference));
        Awaitility.await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).list().stream()
                .map(p -> p.getProcessDefinitionId().substring(0, p.getProcessDefinitionId().indexOf(':')))
                .sorted().toList(), keys -> keys.equals(List.of("address-verification", "unsubscribe")));
    }

    @Test
    void aConfirmBeforeTheProcessesStartIsHonouredAndTheProcessDoesNotWaitForIt() {
        String email = uniqueAddress("quick-confirm");
        starter.stop();
        String reference;
        try {
            reference = file(email);
            assertThat(started(reference)).isFalse();
            assertThat(processes(reference)).as("nothing started while the starter is stopped").isZero();

            // the link was mailed with the filing; the requester confirms before any process exists
            HttpResponse<String> confirmed = http().post(
                    Mails.verificationPath(awaitMailWithSubject(email, "confirm your request")),
                    "application/x-www-form-urlencoded", new byte[0]);
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(confirmed.body()).contains("confirmed");
            assertThat(jdbc.sql("select verification_state from dsr_request where reference = :reference")
                    .param("reference", reference).query(String.class).single()).isEqualTo("VERIFIED");
        } finally {
            starter.start();
        }

        // the processes start with the address verified: the confirmation letter, no second link, no wait
        awaitMails(email, 2);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("address-verification").count()).isZero();
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                        "select status from dsr_request where reference = :reference")
                .param("reference", reference).query(String.class).single(), "COMPLETED"::equals);
    }

    @Test
    void twoStartersStartEachRequestsProcessesOnce() throws Exception {
        starter.stop();
        List<DsrRequest> filed = new ArrayList<>();
        List<Integer> counts;
        try {
            for (int i = 0; i < 12; i++) {
                filed.add(intake.file(new NewRequest(RequestType.UNSUBSCRIBE, uniqueAddress("twice-" + i), null,
                        Language.FI, null, RequestChannel.API, Instant.now())));
            }
            long pending = jdbc.sql("select count(*) from dsr_request where processes_started = false")
                    .query(Long.class).single();
            assertThat(pending).isGreaterThanOrEqualTo(filed.size());
            // this node's thread and another node's, at once
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(starter::startDue);
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(starter::startDue);
            counts = List.of(one.get(), other.get(), (int) pending);
        } finally {
            starter.start();
        }

        assertThat(counts.get(0) + counts.get(1)).as("each pending request counted once").isEqualTo(counts.get(2));
        for (DsrRequest request : filed) {
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                    .processDefinitionKey("unsubscribe").count()).as(request.reference()).isEqualTo(1);
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                    .processDefinitionKey("address-verification").count()).as(request.reference()).isEqualTo(1);
        }
    }
}
