package fi.kivaq.dsr.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestMailServer;

/** The outbox announces each mail it has sent ({@link MailSent}), once its row says so, and nothing it could not send. */
class MailSentTest extends IntegrationTest {

    @Autowired
    MailOutbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JavaMailSender mailSender;
    @Autowired
    MailProperties mailProperties;
    @Autowired
    Clock clock;

    private record Announced(MailSent event, String statusThen) {
    }

    private final List<Announced> announced = new ArrayList<>();

    /**
     * A dispatcher of its own, an hour ahead: the rows below are due only for it, not for the application's, so the
     * test sees every announcement.
     */
    private OutboxDispatcher anHourAhead() {
        return new OutboxDispatcher(jdbc, mailSender, mailProperties, Clock.offset(clock, Duration.ofHours(1)),
                event -> {
                    if (event instanceof MailSent sent) {
                        announced.add(new Announced(sent, jdbc.sql("select status from outbox_mail where id = :id")
                                .param("id", sent.mailId()).query(String.class).single()));
                    }
                }, java.util.List.of(), fi.kivaq.dsr.shared.ForegroundFirst.disabled());
    }

    /** In one transaction, so that the application's own dispatcher, woken by the commit, finds it not yet due. */
    private long enqueueDueInHalfAnHour(Long requestId, String recipient) {
        return transaction.execute(status -> {
            long id = outbox.enqueue(OutgoingMail.of(requestId, recipient, "newsletter", "en", Map.of("headline",
                    "Test", "body", "Body", "unsubscribeUrl", "http://localhost/unsubscribe/x")));
            jdbc.sql("update outbox_mail set next_attempt_at = :later where id = :id")
                    .param("later", clock.instant().plus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC))
                    .param("id", id).update();
            return id;
        });
    }

    @Test
    void aSentMailIsAnnouncedWithItsRequestAfterItsRowIsMarkedSent() throws Exception {
        String recipient = uniqueAddress("announced");
        String reference = new ObjectMapper().readTree(http().postJson("/api/requests", """
                {"type":"ACCESS","email":"%s","language":"en"}""".formatted(recipient)).body()).get("reference").asText();
        Long request = jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                .query(Long.class).single();
        long id = enqueueDueInHalfAnHour(request, recipient);
        String other = uniqueAddress("no-request");
        long noRequest = enqueueDueInHalfAnHour(null, other);

        anHourAhead().dispatchDue();

        assertThat(TestMailServer.receivedBy(other)).hasSize(1);
        assertThat(announced).contains(new Announced(new MailSent(id, request), "SENT"),
                new Announced(new MailSent(noRequest, null), "SENT"));
    }

    @Test
    void aMailThatCouldNotBeSentIsNotAnnounced() {
        String recipient = uniqueAddress("unsent");
        long id = enqueueDueInHalfAnHour(null, recipient);
        TestMailServer.stop();
        try {
            anHourAhead().dispatchDue();
        } finally {
            TestMailServer.start();
        }
        assertThat(jdbc.sql("select status from outbox_mail where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("PENDING");
        assertThat(announced).noneMatch(a -> a.event().mailId() == id);
    }
}
