package fi.kivaq.dsr.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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

/**
 * The outbox against a real SMTP server that goes down and comes back, stalls, and against competing dispatchers (and
 * the dispatchers of every other application context of the test JVM, which share the database: more nodes).
 */
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
            // and the dispatcher has tried, and scheduled a retry without using up an attempt: the server's
            // outage is not the mail's failure, and however long it lasts the mail is neither given up nor left to
            // wait out a long back-off once the server is back
            Awaitility.await().atMost(PATIENCE).until(() -> outboxRow(email), row ->
                    row.get("status").equals("PENDING") && row.get("last_error") != null
                            && ((Number) row.get("attempts")).intValue() == 0);
            assertThat(jdbc.sql("select next_attempt_at from outbox_mail where recipient = :r").param("r", email)
                    .query(java.time.OffsetDateTime.class).single())
                    .isBefore(java.time.OffsetDateTime.now().plus(mailProperties.firstRetryDelay()).plusSeconds(1));
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
            OutboxDispatcher dispatcher = new OutboxDispatcher(jdbc, mailSender, mailProperties, clock, events, java.util.List.of(),
                    fi.kivaq.dsr.shared.ForegroundFirst.disabled());
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

    @Test
    void aLivingNodeRenewsItsLeaseWhileTheSmtpServerIsSlowSoNoOtherNodeSendsTheMailAgain() {
        String email = uniqueAddress("slow");
        Duration stall = mailProperties.lease().multipliedBy(2).plusSeconds(1);
        AtomicBoolean stalled = new AtomicBoolean();
        TestMailServer.beforeAccepting(recipient -> {
            if (recipient.equalsIgnoreCase(email) && stalled.compareAndSet(false, true)) {
                sleep(stall);
            }
        });
        try {
            enqueueNewsletter(email, false);
            Awaitility.await().atMost(PATIENCE).untilTrue(stalled);
            // another node polls all along, while the SMTP server holds the mail for two leases and more
            OutboxDispatcher otherNode = new OutboxDispatcher(jdbc, mailSender, mailProperties, clock, events, java.util.List.of(),
                    fi.kivaq.dsr.shared.ForegroundFirst.disabled());
            Instant until = Instant.now().plus(stall).plus(mailProperties.lease());
            while (Instant.now().isBefore(until)) {
                otherNode.dispatchDue();
                sleep(Duration.ofMillis(200));
            }
        } finally {
            TestMailServer.clearHook();
        }
        assertThat(TestMailServer.receivedBy(email)).hasSize(1);
        assertThat(outboxRow(email)).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void aDeadNodesMailIsTakenOverOnceItsLeaseHasExpiredAndSentOnce() {
        String email = uniqueAddress("orphan");
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        OffsetDateTime leaseEnd = now.plusSeconds(1);
        // a row a node claimed just before it died: SENDING, its lease renewed by nobody
        jdbc.sql("""
                        insert into outbox_mail (message_id, recipient, subject, text_body, status, attempts,
                            next_attempt_at, locked_until, created_at)
                        values (:messageId, :recipient, 'Orphan', 'Text', 'SENDING', 1, :now, :leaseEnd, :now)""")
                .param("messageId", "<" + java.util.UUID.randomUUID() + "@dsr.kivaq.fi>").param("recipient", email)
                .param("now", now).param("leaseEnd", leaseEnd).update();
        MimeMessage mail = awaitMails(email, 1).get(0);
        Instant received = Instant.now();
        assertThat(received).as("not taken while its lease runs").isAfter(leaseEnd.toInstant());
        System.out.printf("Outbox: a dead node's mail was sent %d ms after its lease (%s) expired%n",
                Duration.between(leaseEnd.toInstant(), received).toMillis(), mailProperties.lease());
        assertThat(Mails.subject(mail)).isEqualTo("Orphan");
        Awaitility.await().atMost(PATIENCE).until(() -> outboxRow(email).get("status"), "SENT"::equals);
        sleep(mailProperties.lease());
        assertThat(TestMailServer.receivedBy(email)).hasSize(1);
        assertThat(outboxRow(email)).containsEntry("attempts", 2);
    }

    @Test
    void aLinkIsSentAtOnceEvenWhileLettersAreBeingSent() {
        int letters = 100;
        String prefix = "letter-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = IntStream.range(0, letters).mapToObj(i -> prefix + "." + i + "@test.example").toList();
        byte[] pdf = new byte[100 * 1024];
        new java.util.Random(7).nextBytes(pdf);
        Instant lettersCommitted = Instant.now();
        transaction.executeWithoutResult(status -> recipients.forEach(r -> outbox.enqueue(
                OutgoingMail.of(null, r, "newsletter", "fi", Map.of("headline", "Kirje", "body", "Liitteenä",
                                "unsubscribeUrl", "http://localhost/unsubscribe/x"))
                        .withAttachment(new OutgoingMail.Attachment("letter.pdf", "application/pdf", pdf)))));
        String requester = uniqueAddress("waiting");
        Instant linkCommitted = Instant.now();
        enqueueNewsletter(requester, true);
        awaitMails(requester, 1);
        Instant linkReceived = Instant.now();
        long lettersBeforeLink = recipients.stream().filter(r -> !TestMailServer.receivedBy(r).isEmpty()).count();
        Awaitility.await().atMost(PATIENCE).until(() ->
                recipients.stream().allMatch(r -> TestMailServer.receivedBy(r).size() == 1));
        Instant lettersReceived = Instant.now();
        System.out.printf("Outbox: link received %d ms after its commit, with %d of %d letters (100 KiB each) sent; "
                        + "all letters in %d ms (%.0f mails/s, every node of the test JVM sending)%n",
                Duration.between(linkCommitted, linkReceived).toMillis(), lettersBeforeLink, letters,
                Duration.between(lettersCommitted, lettersReceived).toMillis(),
                letters * 1000.0 / Math.max(1, Duration.between(lettersCommitted, lettersReceived).toMillis()));
        assertThat(lettersBeforeLink).as("letters sent before the link").isLessThan(letters);
    }

    @Test
    void aSentMailKeepsNeitherItsAttachmentNorItsHtmlCopy() throws Exception {
        String email = uniqueAddress("attached");
        byte[] pdf = "%PDF-1.7 not really".getBytes();
        transaction.executeWithoutResult(status -> outbox.enqueue(OutgoingMail.of(null, email, "newsletter", "en",
                        Map.of("headline", "Letter", "body", "Attached", "unsubscribeUrl", "http://localhost/u/x"))
                .withAttachment(new OutgoingMail.Attachment("KivaQ-letter.pdf", "application/pdf", pdf))));
        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(((jakarta.mail.Multipart) mail.getContent()).getCount()).isEqualTo(2);
        Awaitility.await().atMost(PATIENCE).until(() -> outboxRow(email).get("status"), "SENT"::equals);
        Map<String, Object> row = jdbc.sql("""
                        select attachment, html_body, text_body, attachment_name from outbox_mail where recipient = :r""")
                .param("r", email).query().singleRow();
        assertThat(row.get("attachment")).isNull();
        assertThat(row.get("html_body")).isNull();
        assertThat((String) row.get("text_body")).contains("Attached");
        assertThat(row.get("attachment_name")).isEqualTo("KivaQ-letter.pdf");
    }

    private void enqueueNewsletter(String recipient, boolean link) {
        transaction.executeWithoutResult(status -> {
            OutgoingMail mail = OutgoingMail.of(null, recipient, "newsletter", "en", Map.of("headline", "Test",
                    "body", "Body", "unsubscribeUrl", "http://localhost/unsubscribe/x"));
            outbox.enqueue(link ? mail.asLink() : mail);
        });
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
