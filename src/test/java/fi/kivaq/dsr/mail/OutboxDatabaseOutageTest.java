package fi.kivaq.dsr.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TcpProxy;
import fi.kivaq.dsr.support.TestMailServer;

/**
 * The database goes away in the instant between the SMTP server accepting a mail and the dispatcher marking its row
 * sent (the SMTP server cuts the proxy in front of PostgreSQL while it receives the mail, before it answers "250").
 * The mail must still arrive exactly once. This application has a database of its own, so that no other application
 * context of the test JVM (which would be another node, with the database still in reach) sees the row.
 * (PostgreSQL run only: the H2 run's database lives in the JVM.)
 */
@Tag("outage")
@EnabledIfSystemProperty(named = "dsr.test.database", matches = "postgres")
@DirtiesContext
class OutboxDatabaseOutageTest extends IntegrationTest {

    private static final TcpProxy PROXY;
    private static final String DATABASE_URL;
    /** Longer than the pool's connection timeout (2 s), so that the attempt to mark the row fails. */
    private static final Duration OUTAGE = Duration.ofMillis(3500);
    private static final Duration LEASE = Duration.ofSeconds(8);

    static {
        String url = System.getProperty("spring.datasource.url");
        URI target = URI.create(url.substring("jdbc:".length()));
        String database = target.getPath().substring(1) + "_mail_outage";
        try (Connection admin = DriverManager.getConnection(url, System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password"));
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database);
            statement.execute("create database " + database);
            PROXY = new TcpProxy(target.getHost(), target.getPort());
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
        DATABASE_URL = "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + database;
    }

    @DynamicPropertySource
    static void ownDatabaseThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("dsr.mail.lease", LEASE::toString);
    }

    @Autowired
    MailOutbox outbox;
    @Autowired
    TransactionTemplate transaction;

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void aMailAcceptedWhileTheDatabaseIsAwayIsMarkedSentWhenItReturnsAndNotSentAgain() {
        String email = uniqueAddress("accepted");
        AtomicBoolean cut = new AtomicBoolean();
        TestMailServer.beforeAccepting(recipient -> {
            if (recipient.equalsIgnoreCase(email) && cut.compareAndSet(false, true)) {
                PROXY.cut();
                Thread restore = new Thread(() -> {
                    sleep(OUTAGE);
                    PROXY.restore();
                });
                restore.setDaemon(true);
                restore.start();
            }
        });
        try {
            transaction.executeWithoutResult(status -> outbox.enqueue(OutgoingMail.of(null, email, "newsletter", "en",
                    Map.of("headline", "Once", "body", "Only once", "unsubscribeUrl", "http://localhost/u/x"))));
            Awaitility.await().atMost(PATIENCE).untilTrue(cut);
        } finally {
            TestMailServer.clearHook();
        }
        String messageId = Mails.header(awaitMails(email, 1).get(0), "Message-ID");
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                jdbc.sql("select status from outbox_mail where recipient = :r").param("r", email)
                        .query(String.class).single(), "SENT"::equals);
        // well past the lease the row had when the database went away, and a takeover's grace after it
        sleep(LEASE.multipliedBy(2));
        assertThat(TestMailServer.receivedBy(email)).hasSize(1);
        assertThat(Mails.header(TestMailServer.receivedBy(email).get(0), "Message-ID")).isEqualTo(messageId);
        assertThat(jdbc.sql("select attempts from outbox_mail where recipient = :r").param("r", email)
                .query(Integer.class).single()).isEqualTo(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
