package fi.kivaq.dsr.deadline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;

import static org.assertj.core.api.Assertions.assertThat;

/** The managers' daily digest: its once-per-cluster timer start event, its contents, and quiet non-working days. */
class DailyDigestTest extends IntegrationTest {

    static final String MANAGER_MAIL = "digest.manager@kivaq.example";

    @Autowired
    DailyDigest digest;
    @Autowired
    IdentityService identityService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RequestIntake intake;
    @Autowired
    DeadlineCalculator calculator;

    @Test
    void theDigestIsOneTimerStartJobOnTheConfiguredCron() {
        Job job = managementService.createJobQuery().processDefinitionKey("daily-digest").timers().singleResult();
        assertThat(job).as("one timer job for the whole cluster").isNotNull();
        var due = job.getDuedate().toInstant().atZone(java.time.ZoneId.systemDefault());
        assertThat(due.getHour()).isEqualTo(7);
        assertThat(due.getMinute()).isZero();
    }

    @Test
    void listsOverdueDueSoonAndExtendedRequestsToEachManagerOnWorkingDaysOnly() {
        DeadlineTestUsers.ensure(identityService, "digestmanager", "pw-digestmanager", MANAGER_MAIL, true);
        DsrRequest overdue = file(Instant.now().minusSeconds(45L * 24 * 3600));
        DsrRequest later = file(Instant.now());
        LocalDate saturday = LocalDate.now(DeadlineCalculator.HELSINKI).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        LocalDate workingDay = calculator.nextWorkingDayFrom(LocalDate.now(DeadlineCalculator.HELSINKI));

        assertThat(digest.send(saturday)).isZero();
        int sent = transactionally(() -> digest.send(workingDay));

        assertThat(sent).isPositive();
        String text = Mails.text(awaitMailWithSubject(MANAGER_MAIL, "Tietosuojapyyntöjen määräajat"));
        String overdueSection = text.substring(text.indexOf("Myöhässä"), text.indexOf("Erääntyy"));
        assertThat(overdueSection).contains(overdue.reference()).doesNotContain(later.reference());
        assertThat(text).doesNotContain(overdue.requesterEmail()).contains("/staff/dashboard");
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    private int transactionally(java.util.function.Supplier<Integer> work) {
        return transaction.execute(tx -> work.get());
    }

    private DsrRequest file(Instant receivedAt) {
        return intake.file(new NewRequest(RequestType.DELETION, uniqueAddress("digest"), null, Language.FI, null,
                RequestChannel.API, receivedAt));
    }
}
