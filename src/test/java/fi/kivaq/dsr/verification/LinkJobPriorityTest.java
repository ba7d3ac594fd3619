package fi.kivaq.dsr.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;

/**
 * A requester waits for the verification link; sealed letters wait for no one. The link's job carries a higher
 * priority and the job executor acquires by priority, so a backlog of letter jobs does not hold the link back
 * (README "Performance").
 */
class LinkJobPriorityTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    @Autowired
    ProcessEngine engine;
    @Autowired
    HistoryService historyService;

    @Test
    void theJobExecutorTakesJobsByPriority() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.isJobExecutorAcquireByPriority()).isTrue();
    }

    @Test
    void theLinkJobGoesBeforeTheLetterJobOfTheSameRequest() {
        String email = uniqueAddress("link-priority");
        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","language":"en"}""".formatted(email));
        assertThat(filed.statusCode()).isEqualTo(202);
        Matcher reference = REFERENCE.matcher(filed.body());
        assertThat(reference.find()).as(filed.body()).isTrue();

        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm your request")),
                "application/x-www-form-urlencoded", new byte[0]);
        awaitMails(email, 2);

        assertThat(creation(reference.group(1), "address-verification", "Task_SendVerificationLink").getJobPriority())
                .isEqualTo(100);
        assertThat(creation(reference.group(1), "unsubscribe", "Task_SendConfirmation").getJobPriority()).isZero();
    }

    private HistoricJobLog creation(String reference, String processKey, String activityId) {
        String instance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(processKey).singleResult().getId();
        return historyService.createHistoricJobLogQuery().processInstanceId(instance).activityIdIn(activityId)
                .creationLog().singleResult();
    }
}
