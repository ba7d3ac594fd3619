package fi.kivaq.dsr.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;

/**
 * A requester waits for the verification link; sealed letters wait for no one. The link of a request filed on the
 * form or by the API is mailed in the filing transaction, on the outbox's own lane, with no job at all; the link of
 * a request staff register is mailed by a job that carries a higher priority, and the job executor acquires by
 * priority, so a backlog of letter jobs does not hold either back (README "Performance").
 */
class LinkJobPriorityTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    @Autowired
    ProcessEngine engine;
    @Autowired
    HistoryService historyService;
    @Autowired
    RequestIntake intake;

    @Test
    void theJobExecutorTakesJobsByPriority() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.isJobExecutorAcquireByPriority()).isTrue();
    }

    @Test
    void aPublicRequestsLinkIsQueuedWithTheRequestAndNeedsNoJob() {
        String email = uniqueAddress("link-at-filing");
        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","language":"en"}""".formatted(email));
        assertThat(filed.statusCode()).isEqualTo(202);
        Matcher reference = REFERENCE.matcher(filed.body());
        assertThat(reference.find()).as(filed.body()).isTrue();
        // committed with the 202: the link's mail is in the outbox on the links' lane
        assertThat(jdbc.sql("""
                        select m.priority from outbox_mail m join dsr_request r on r.id = m.request_id
                        where r.reference = :reference""").param("reference", reference.group(1))
                .query(Integer.class).list()).containsExactly(0);

        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm your request")),
                "application/x-www-form-urlencoded", new byte[0]);
        awaitMails(email, 2);

        assertThat(creations(reference.group(1), "address-verification", "Task_SendVerificationLink")).isEmpty();
        assertThat(creations(reference.group(1), "unsubscribe", "Task_SendConfirmation"))
                .singleElement().extracting(HistoricJobLog::getJobPriority).isEqualTo(0L);
    }

    @Test
    void theLinkJobOfARequestStaffRegisteredGoesBeforeLetterJobs() {
        String email = uniqueAddress("link-priority");
        DsrRequest filed = intake.fileByStaff(new NewRequest(RequestType.UNSUBSCRIBE, email, null, Language.EN, null,
                RequestChannel.STAFF, Instant.now()), ReceivedVia.EMAIL, "staff", Optional.empty());

        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm your request")),
                "application/x-www-form-urlencoded", new byte[0]);
        awaitMails(email, 2);

        assertThat(creations(filed.reference(), "address-verification", "Task_SendVerificationLink"))
                .singleElement().extracting(HistoricJobLog::getJobPriority).isEqualTo(100L);
        assertThat(creations(filed.reference(), "unsubscribe", "Task_SendConfirmation"))
                .singleElement().extracting(HistoricJobLog::getJobPriority).isEqualTo(0L);
    }

    private List<HistoricJobLog> creations(String reference, String processKey, String activityId) {
        String instance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(processKey).singleResult().getId();
        return historyService.createHistoricJobLogQuery().processInstanceId(instance).activityIdIn(activityId)
                .creationLog().list();
    }
}
