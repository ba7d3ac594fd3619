package fi.kivaq.dsr.deadline;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager's extension (GDPR Art. 12(3)) through HTTP: before the first due date it moves the deadline, the
 * watch's timers and tells the requester with a sealed letter; after it, or a second time, it is refused.
 */
class DeadlineExtensionTest extends IntegrationTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RequestIntake intake;
    @Autowired
    RequestRepository requests;
    @Autowired
    DeadlineCalculator calculator;
    @Autowired
    DeadlineProperties settings;
    @Autowired
    DeadlineWatch deadlineWatch;

    @BeforeEach
    void users() {
        DeadlineTestUsers.ensure(identityService, "extstaff", "pw-extstaff", null, false);
        DeadlineTestUsers.ensure(identityService, "extmanager", "pw-extmanager", null, true);
    }

    @Test
    void beforeTheFirstDueDateTheDeadlineTimersAndRequesterAreUpdated() {
        DsrRequest request = file(Instant.now());
        LocalDate firstDue = request.dueDate();
        // open long enough for its watch (the sweep's work, done here at once)
        assertThat(deadlineWatch.startIfPending(request.id(), request.reference())).isTrue();
        assertThat(reminderTimer(request).getDuedate())
                .isEqualTo(DeadlineWatchProcessTest.at(calculator.minusWorkingDays(firstDue, settings.reminderWorkingDays()), 8));
        Http manager = StaffLogin.login(http(), "extmanager", "pw-extmanager");

        HttpResponse<String> done = extend(manager, request, "Pyyntö koskee useita järjestelmiä");

        assertThat(done.statusCode()).isEqualTo(200);
        LocalDate newDue = calculator.extendedDueDate(request.receivedAt());
        assertThat(done.body()).contains(DeadlineNotifications.DATE.format(newDue));
        var stored = jdbc.sql("select due_date, original_due_date, extension_reason, extended_by, extended_at from dsr_request where id = :id")
                .param("id", request.id()).query().singleRow();
        assertThat(stored.get("due_date").toString()).isEqualTo(newDue.toString());
        assertThat(stored.get("original_due_date").toString()).isEqualTo(firstDue.toString());
        assertThat(stored).containsEntry("extension_reason", "Pyyntö koskee useita järjestelmiä")
                .containsEntry("extended_by", "extmanager");
        assertThat(stored.get("extended_at")).isNotNull();
        assertThat(requests.findById(request.id()).orElseThrow().dueDate()).isEqualTo(newDue);

        // the watch restarted its timers from the new due date
        Awaitility.await().atMost(PATIENCE).until(() -> reminderTimer(request).getDuedate().equals(
                DeadlineWatchProcessTest.at(calculator.minusWorkingDays(newDue, settings.reminderWorkingDays()), 8)));

        MimeMessage notice = awaitMailWithSubject(request.requesterEmail(), "We need more time");
        assertThat(Mails.text(notice)).contains(request.reference()).contains(DeadlineNotifications.DATE.format(newDue))
                .contains("Pyyntö koskee useita järjestelmiä");
        assertThat(Mails.attachments(notice)).singleElement()
                .satisfies(pdf -> assertThat(pdf.contentType()).startsWith("application/pdf"));
        assertThat(letters(request)).isEqualTo(1);

        HttpResponse<String> again = extend(manager, request, "Toinen kerta");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("jo jatkettu");
        assertThat(requests.findById(request.id()).orElseThrow().dueDate()).isEqualTo(newDue);
        assertThat(letters(request)).isEqualTo(1);
    }

    @Test
    void afterTheFirstDueDateItIsRefusedAndNothingChanges() {
        DsrRequest request = file(Instant.now().minusSeconds(40L * 24 * 3600));
        assertThat(request.dueDate()).isBefore(LocalDate.now(DeadlineCalculator.HELSINKI));
        Http manager = StaffLogin.login(http(), "extmanager", "pw-extmanager");

        HttpResponse<String> refused = extend(manager, request, "Liian myöhään");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Ensimmäinen määräaika on jo umpeutunut");
        var stored = jdbc.sql("select due_date, extended_at, extension_reason from dsr_request where id = :id")
                .param("id", request.id()).query().singleRow();
        assertThat(stored.get("due_date").toString()).isEqualTo(request.dueDate().toString());
        assertThat(stored.get("extended_at")).isNull();
        assertThat(stored.get("extension_reason")).isNull();
        assertThat(letters(request)).isZero();
    }

    @Test
    void aReasonIsRequiredAndOnlyManagersMayExtend() {
        DsrRequest request = file(Instant.now());
        HttpResponse<String> noReason = extend(StaffLogin.login(http(), "extmanager", "pw-extmanager"), request, "   ");
        assertThat(noReason.statusCode()).isEqualTo(409);
        assertThat(noReason.body()).contains("vaatii syyn");

        Http staff = StaffLogin.login(http(), "extstaff", "pw-extstaff");
        HttpResponse<String> forbidden = staff.postForm("/staff/requests/" + request.reference() + "/extension",
                Map.of("reason", "Ei oikeutta", "_csrf", StaffLogin.csrf(staff.get("/login").body())));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(requests.findById(request.id()).orElseThrow().dueDate()).isEqualTo(request.dueDate());
        assertThat(jdbc.sql("select count(*) from dsr_request where id = :id and extended_at is null")
                .param("id", request.id()).query(Long.class).single()).isEqualTo(1);
    }

    private HttpResponse<String> extend(Http manager, DsrRequest request, String reason) {
        String token = StaffLogin.csrf(manager.get("/staff/dashboard").body());
        return manager.postForm("/staff/requests/" + request.reference() + "/extension",
                Map.of("reason", reason, "_csrf", token));
    }

    private Job reminderTimer(DsrRequest request) {
        return Awaitility.await().atMost(PATIENCE).until(() -> {
            var watch = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                    .processDefinitionKey("deadline-watch").singleResult();
            return watch == null ? null : managementService.createJobQuery().processInstanceId(watch.getId())
                    .activityId("TimerEvent_Reminder").timers().singleResult();
        }, job -> job != null);
    }

    private long letters(DsrRequest request) {
        return jdbc.sql("select count(*) from response_letter where request_id = :id and letter_type = 'EXTENSION_NOTICE'")
                .param("id", request.id()).query(Long.class).single();
    }

    private DsrRequest file(Instant receivedAt) {
        return intake.file(new NewRequest(RequestType.ACCESS, uniqueAddress("ext"), "Pidennetty Pyytäjä", Language.EN,
                null, RequestChannel.API, receivedAt));
    }
}
