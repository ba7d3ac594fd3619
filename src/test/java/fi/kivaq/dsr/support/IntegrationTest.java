package fi.kivaq.dsr.support;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole application on a random port, a real database (H2, or PostgreSQL in the
 * suite's second run), a real SMTP server. Every test class shares one application context, so tests use their
 * own unique addresses instead of cleaning the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    static {
        TestMailServer.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> TestMailServer.PORT);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private ProcessEngine processEngine;

    /**
     * {@code /engine-rest} and the webapps find the engine by name in Camunda's JVM-wide registry. A context of its
     * own ({@code @DirtiesContext}: the outage tests) registers its engine under the same name "default" and
     * removes the name when it closes, leaving the cached context's REST API without an engine: register it again.
     */
    @BeforeEach
    void registerThisContextsEngine() {
        if (ProcessEngines.getProcessEngines().get(processEngine.getName()) != processEngine) {
            ProcessEngines.registerProcessEngine(processEngine);
        }
    }

    protected Http http() {
        return new Http(port);
    }

    /** An address no other test uses. */
    protected static String uniqueAddress(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    /** Waits until the address has received at least {@code count} mails, and returns them. */
    protected static List<MimeMessage> awaitMails(String address, int count) {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> TestMailServer.receivedBy(address), mails -> mails.size() >= count);
    }

    protected static MimeMessage awaitMailWithSubject(String address, String subjectPart) {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> TestMailServer.receivedBy(address).stream()
                        .filter(m -> Mails.subject(m).contains(subjectPart)).findFirst().orElse(null),
                        m -> m != null);
    }

    /**
     * A public request's processes start just after its filing commits ({@code request.ProcessStarter}), on another
     * thread: waits until they have.
     */
    protected void awaitProcessesStarted(String reference) {
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                        "select processes_started from dsr_request where reference = :reference")
                .param("reference", reference).query(Boolean.class).single());
    }

    protected long requestCount() {
        return jdbc.sql("select count(*) from dsr_request").query(Long.class).single();
    }
}
