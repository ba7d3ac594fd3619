package fi.kivaq.dsr.subcontractor;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * subcontractor-notification.bpmn inside erasure.bpmn on the real engine: confirmed by link, reminded then
 * confirmed, escalated to staff, no recipients at all, and an answer that cannot wait for a late subcontractor.
 * Timers are fired by executing their jobs, after checking when they were due.
 */
class SubcontractorNotificationProcessTest extends IntegrationTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Autowired
    TestRegister register;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRemindedSubcontractorConfirmsWithTheFreshLink() throws Exception {
        Case erasure = erasureWithRecipients(1);
        MimeMessage first = awaitMailWithSubject(erasure.recipients().get(0), "Henkilötietojen poistaminen");
        // a Finnish mail writes the disclosure's date the Finnish way, not as ISO inside Finnish text
        assertThat(fi.kivaq.dsr.support.Mails.text(first)).containsPattern("Luovutettu: \\d{1,2}\\.\\d{1,2}\\.\\d{4}")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");

        Job reminder = timer(erasure.reference(), "BoundaryEvent_ReminderDue");
        assertWorkingDaysAhead(reminder, 5);
        assertThat(timer(erasure.reference(), "BoundaryEvent_NoConfirmation")).isNotNull();
        managementService.executeJob(reminder.getId());

        MimeMessage second = awaitMailWithSubject(erasure.recipients().get(0), "Muistutus: Henkilötietojen poistaminen");
        assertThat(http().post(Mails.acknowledgementPath(first), "text/plain", new byte[0]).statusCode()).as("old link").isEqualTo(404);
        assertThat(http().post(Mails.acknowledgementPath(second), "text/plain", new byte[0]).statusCode()).isEqualTo(200);

        String letter = letterText(erasure);
        assertThat(letter).contains("(vahvisti poiston");
        assertThat(passed(erasure.reference(), "EndEvent_Confirmed")).isEqualTo(1);
        assertThat(passed(erasure.reference(), "EndEvent_Reminded")).isEqualTo(1);
    }

    @Test
    void withoutAConfirmationStaffChaseTheSubcontractorAndRecordItByHand() throws Exception {
        Case erasure = erasureWithRecipients(1);
        MimeMessage instruction = awaitMailWithSubject(erasure.recipients().get(0), "Henkilötietojen poistaminen");

        Job escalation = timer(erasure.reference(), "BoundaryEvent_NoConfirmation");
        assertWorkingDaysAhead(escalation, 10);
        managementService.executeJob(escalation.getId());

        Task chase = Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(erasure.reference())
                .taskDefinitionKey(SubcontractorNotificationProcess.TASK_CHASE_SUBCONTRACTOR).singleResult(), t -> t != null);
        assertThat(taskService.getIdentityLinksForTask(chase.getId()))
                .anyMatch(link -> "dsr-staff".equals(link.getGroupId()));
        // completing records a confirmation: without staff stating it, the task stays open
        assertThatThrownBy(() -> taskService.complete(chase.getId(),
                Map.of(SubcontractorNotificationProcess.CONFIRMED_BY_HAND, false)))
                .hasMessageContaining(SubcontractorNotificationProcess.CONFIRMED_BY_HAND);
        assertThatThrownBy(() -> taskService.complete(chase.getId())).hasMessageContaining("has confirmed");
        assertThat(taskService.createTaskQuery().taskId(chase.getId()).count()).isEqualTo(1);
        taskService.complete(chase.getId(), Map.of(SubcontractorNotificationProcess.CONFIRMED_BY_HAND, true));

        assertThat(letterText(erasure)).contains("(vahvisti poiston");
        assertThat(jdbc.sql("select acknowledged_how from subcontractor_notification n join dsr_request r "
                + "on r.id = n.request_id where r.reference = :r").param("r", erasure.reference())
                .query(String.class).single()).isEqualTo("BY_HAND");
        // the mailed link no longer works once staff recorded the confirmation themselves
        assertThat(http().post(Mails.acknowledgementPath(instruction), "text/plain", new byte[0]).statusCode())
                .isEqualTo(404);
    }

    @Test
    void withNoRecipientsTheLetterGoesStraightAway() throws Exception {
        Case erasure = erasureWithRecipients(0);
        String letter = letterText(erasure);
        assertThat(letter).contains(erasure.reference());
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(erasure.reference())
                .processDefinitionKey(SubcontractorNotificationProcess.KEY).count()).isZero();
    }

    @Test
    void theAnswerDoesNotWaitPastItsTimeForALateSubcontractor() throws Exception {
        Case erasure = erasureWithRecipients(2);
        MimeMessage toFirst = awaitMailWithSubject(erasure.recipients().get(0), "Henkilötietojen poistaminen");
        awaitMailWithSubject(erasure.recipients().get(1), "Henkilötietojen poistaminen");
        http().post(Mails.acknowledgementPath(toFirst), "text/plain", new byte[0]);

        Job answerDue = timer(erasure.reference(), "BoundaryEvent_AnswerDue");
        managementService.executeJob(answerDue.getId());
        String letter = letterText(erasure);
        assertThat(letter).contains("(vahvisti poiston").contains("(vahvistusta odotetaan)");

        // the late one confirms afterwards: the process ends, with still exactly one letter
        MimeMessage toSecond = TestMailServer.receivedBy(erasure.recipients().get(1)).get(0);
        http().post(Mails.acknowledgementPath(toSecond), "text/plain", new byte[0]);
        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(erasure.reference()).processDefinitionKey("erasure").finished().count() == 1);
        assertThat(TestMailServer.receivedBy(erasure.email()).stream()
                .filter(m -> Mails.subject(m).contains("Vastaus poistopyyntöösi")).count()).isEqualTo(1);
    }

    private record Case(String reference, String email, List<String> recipients) {
    }

    /** A verified erasure request for a contact with {@code count} recipients, assessed by staff. */
    private Case erasureWithRecipients(int count) throws Exception {
        String email = uniqueAddress("erase");
        long contact = register.subscriber("Poisto Henkilö", email, "fi");
        List<String> recipients = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = uniqueAddress("recipient" + i);
            register.disclose(contact, register.subcontractor("Alihankkija " + (char) ('A' + i) + " " + address.substring(11, 19),
                    address, "fi"), "Työpaja");
            recipients.add(address);
        }
        String reference = json.readTree(http().postJson("/api/requests", """
                {"type":"DELETION","email":"%s","language":"fi"}""".formatted(email)).body()).get("reference").asText();
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        Task assess = Awaitility.await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(reference).taskDefinitionKey("UserTask_AssessErasure").singleResult(),
                t -> t != null);
        taskService.complete(assess.getId(), Map.of("keepInvoicingRecords", false));
        return new Case(reference, email, recipients);
    }

    /** How often an activity was passed in any process of the request (main process and sub-processes). */
    private long passed(String reference, String activityId) {
        return Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).list().stream()
                .mapToLong(p -> historyService.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
                        .activityId(activityId).finished().count())
                .sum(), n -> n > 0);
    }

    private Job timer(String reference, String activityId) {
        return Awaitility.await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                        .processInstanceBusinessKey(reference).list().stream()
                        .flatMap(p -> managementService.createJobQuery().processInstanceId(p.getId())
                                .activityId(activityId).timers().list().stream())
                        .findFirst().orElse(null),
                job -> job != null);
    }

    /** The timer is due at 09:00 Helsinki time on a weekday at least {@code days} working days ahead. */
    private static void assertWorkingDaysAhead(Job timer, int days) {
        ZonedDateTime due = timer.getDuedate().toInstant().atZone(HELSINKI);
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(due.toLocalDate()).isAfterOrEqualTo(java.time.LocalDate.now(HELSINKI).plusDays(days))
                .isBefore(java.time.LocalDate.now(HELSINKI).plusDays(days * 2L + 8));
    }

    private String letterText(Case erasure) {
        MimeMessage answer = awaitMailWithSubject(erasure.email(), "Vastaus poistopyyntöösi");
        byte[] pdf = Mails.attachments(answer).get(0).content();
        assertThat(SealedPdf.sealIntact(pdf)).isTrue();
        return SealedPdf.text(pdf).replaceAll("\\s+", " ");
    }

}
