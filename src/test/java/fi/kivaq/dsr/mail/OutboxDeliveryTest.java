package fi.kivaq.dsr.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/** The outbox against a real SMTP server that goes down and comes back, and against competing dispatchers. */
class OutboxDeliveryTest extends IntegrationTest {

    @Autowired
    TestRegister register;
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
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void whenSmtpIsDownTheProcessStillCompletesAndTheMailIsSentOnceWhenSmtpIsBack() {
        String email = uniqueAddress("offline");
        long contact = register.subscriber("Offline Henkilö", email, "fi");
        String link = register.unsubscribePath(contact);
        String reference;
        TestMailServer.stop();
        try {
            assertThat(http().post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes())
                    .statusCode()).isEqualTo(200);
            assertThat(register.isSubscribed(contact)).isFalse();
            reference = jdbc.sql("select reference from dsr_request where contact_id = :c").param("c", contact)
                    .query(String.class).single();
            // the request completes although its confirmation cannot be delivered yet
            Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql("select status from dsr_request where reference = :r")
                    .param("r", reference).query(String.class).single(), "COMPLETED"::equals);
            // and the dispatcher has tried, failed and scheduled a retry
            Awaitility.await().atMost(PATIENCE).until(() -> outboxRow(email), row ->
                    row.get("status").equals("PENDING") && ((Number) row.get("attempts")).intValue() >= 1
                            && row.get("last_error") != null);
        } finally {
            TestMailServer.start();
        }
        List<MimeMessage> mails = awaitMails(email, 1);
        assertThat(Mails.subject(mails.get(0))).contains("Uutiskirjeen tilaus on lopetettu").contains(reference);
        Awaitility.await().atMost(PATIENCE).until(() -> outboxRow(email).get("status"), "SENT"::equals);
        // several more dispatch cycles: still exactly one mail
        sleep(Duration.ofMillis(1500));
        assertThat(TestMailServer.receivedBy(email)).hasSize(1);
    }

    @Test
    void competingDispatchersNeverSendARowTwice() {
        List<String> recipients = IntStream.range(0, 40).mapToObj(i -> uniqueAddress("bulk" + i)).toList();
        transaction.executeWithoutResult(status -> recipients.forEach(r -> outbox.enqueue(
                OutgoingMail.of(null, r, "newsletter", "en", Map.of("headline", "Test", "body", "Body",
                        "unsubscribeUrl", "http://localhost/unsubscribe/x")))));
        // two more dispatchers, as if on two more nodes, racing the application's own scheduled one
        List<CompletableFuture<Void>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            OutboxDispatcher dispatcher = new OutboxDispatcher(jdbc, mailSender, mailProperties, clock, events);
            nodes.add(CompletableFuture.runAsync(dispatcher::dispatchDue));
        }
        nodes.forEach(CompletableFuture::join);
        Awaitility.await().atMost(PATIENCE).until(() ->
                recipients.stream().allMatch(r -> TestMailServer.receivedBy(r).size() >= 1));
        sleep(Duration.ofMillis(1000));
        for (String recipient : recipients) {
            assertThat(TestMailServer.receivedBy(recipient)).as(recipient).hasSize(1);
            assertThat(outboxRow(recipient)).containsEntry("status", "SENT");
            assertThat(((Number) outboxRow(recipient).get("attempts")).intValue()).as("claims of " + recipient).isEqualTo(1);
        }
    }

    @Test
    void newsletterMailsCarryOneClickUnsubscribeHeadersAndTheStoredMessageId() {
        String email = uniqueAddress("reader");
        String url = "http://localhost:8080/unsubscribe/" + "A".repeat(43);
        transaction.executeWithoutResult(status -> outbox.enqueue(OutgoingMail.of(null, email, "newsletter", "sv",
                Map.of("headline", "Nytt", "body", "Text", "unsubscribeUrl", url)).withListUnsubscribe(url)));
        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(Mails.header(mail, "List-Unsubscribe")).isEqualTo("<" + url + ">");
        assertThat(Mails.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mails.header(mail, "Message-ID")).isEqualTo(outboxRow(email).get("message_id"));
        assertThat(Mails.text(mail)).contains(url);
    }

    private Map<String, Object> outboxRow(String recipient) {
        return jdbc.sql("select status, attempts, last_error, message_id from outbox_mail where recipient = :r")
                .param("r", recipient)
                .query((rs, n) -> {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("status", rs.getString("status"));
                    row.put("attempts", rs.getInt("attempts"));
                    row.put("last_error", rs.getString("last_error"));
                    row.put("message_id", rs.getString("message_id"));
                    return row;
                }).single();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
