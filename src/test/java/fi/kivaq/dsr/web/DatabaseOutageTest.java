package fi.kivaq.dsr.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TcpProxy;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/**
 * The database goes away while requests come in: the application talks to the test PostgreSQL through a proxy that
 * the test cuts, so the JDBC sockets end as they do when the server stops. Every answer must then be a 503 with
 * {@code Retry-After} and a sentence in the requester's language, never a 2xx, and nothing is lost: once the database
 * is back, the same link confirms the request. (PostgreSQL run only: the H2 run's database lives in the JVM. Tagged
 * "outage" so that it runs in a JVM of its own: see the surefire executions in pom.xml.)
 */
@Tag("outage")
@EnabledIfSystemProperty(named = "dsr.test.database", matches = "postgres")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTest extends IntegrationTest {

    private static final TcpProxy PROXY;

    static {
        URI target = URI.create(System.getProperty("spring.datasource.url").substring("jdbc:".length()));
        try {
            PROXY = new TcpProxy(target.getHost(), target.getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getProperty("spring.datasource.url")
                .replaceFirst("//[^/]+/", "//127.0.0.1:" + PROXY.port() + "/"));
        // a connection that cannot be had is an outage after 2 s, not after Hikari's default 30 s
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    }

    @Autowired
    private TestRegister register;
    @Autowired
    private org.camunda.bpm.engine.HistoryService historyService;
    @Autowired
    private org.camunda.bpm.engine.ManagementService managementService;

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void anOutageIsA503WithRetryAfterAndTheSameLinkWorksAfterwards() {
        String email = uniqueAddress("outage");
        Http http = http();
        HttpResponse<String> filed = http.postForm("/request?lang=sv", Map.of("type", "ACCESS", "email", email));
        assertThat(filed.statusCode()).isEqualTo(200);
        String link = Mails.verificationPath(awaitMailWithSubject(email, "Bekräfta"));
        long subscriber = register.subscriber("Outi Katkos", uniqueAddress("outage-news"), "fi");
        String oneClick = register.unsubscribePath(subscriber);

        PROXY.cut();
        try {
            HttpResponse<String> confirm = http.post(link + "?lang=sv", "application/x-www-form-urlencoded", new byte[0]);
            assertThat(confirm.statusCode()).isEqualTo(503);
            assertThat(confirm.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(confirm.body()).contains("Din begäran har inte behandlats");

            HttpResponse<String> api = http.postJson("/api/requests",
                    "{\"type\":\"ACCESS\",\"email\":\"" + uniqueAddress("outage-api") + "\",\"language\":\"en\"}",
                    "Accept-Language", "en");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(api.body()).contains("\"message\"");

            // readiness tells an orchestrator at once; liveness does not ask for a restart that would not help
            HttpResponse<String> readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
            assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

            // RFC 8058: a mail provider counts any 2xx as done, so an outage must not look like one
            HttpResponse<String> unsubscribe = http.post(oneClick, "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click".getBytes());
            assertThat(unsubscribe.statusCode()).isEqualTo(503);
        } finally {
            PROXY.restore();
        }

        // as a client honouring Retry-After would: the pool replaces its broken connections within a try or two
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                http.post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode(), status -> status == 200);
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                http.post(oneClick, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes())
                        .statusCode(), status -> status == 200);
        assertThat(register.isSubscribed(subscriber)).isFalse();
        assertThat(jdbc.sql("select verification_state from dsr_request where requester_email = :email")
                .param("email", email).query(String.class).single()).isEqualTo("VERIFIED");
    }

    /**
     * The connection breaks in the middle of the request's transaction, as the application sends its key statement
     * (PostgreSQL stopped with {@code -m immediate} does this): the driver's root cause is an {@code EOFException} or
     * "Broken pipe", which Spring alone would take for a client that hung up and answer an empty 200. Each of the
     * three answers a mail provider or a requester acts on must be a 503 with {@code Retry-After} and a body, logged
     * at ERROR; the retry then does the work once, and a confirm retried after it succeeded shows the success page
     * again, not "link already used".
     */
    @Test
    void aConnectionThatBreaksMidRequestIsA503LoggedAtErrorNeverAnEmpty2xx(CapturedOutput output) {
        String email = uniqueAddress("midway");
        Http http = http();
        assertThat(http.postForm("/request?lang=en", Map.of("type", "ACCESS", "email", email)).statusCode())
                .isEqualTo(200);
        String link = Mails.verificationPath(awaitMailWithSubject(email, "confirm your request"));
        long subscriber = register.subscriber("Mervi Midway", uniqueAddress("midway-news"), "fi");
        String oneClick = register.unsubscribePath(subscriber);

        HttpResponse<String> confirm = brokenMidway("update verification_token set used_at",
                () -> http.post(link + "?lang=en", "application/x-www-form-urlencoded", new byte[0]));
        assertThat(confirm.body()).contains("Your request was not processed or saved");
        String apiEmail = uniqueAddress("midway-api");
        HttpResponse<String> api = brokenMidway("insert into dsr_request", () -> http.postJson("/api/requests",
                "{\"type\":\"ACCESS\",\"email\":\"" + apiEmail + "\",\"language\":\"en\"}",
                "Accept-Language", "en"));
        assertThat(api.body()).contains("\"message\"");
        HttpResponse<String> unsubscribe = brokenMidway("from contact where id = $1 for update", () -> http.post(oneClick,
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes()));
        assertThat(unsubscribe.body()).isNotBlank();
        assertThat(output.getOut() + output.getErr()).contains("ERROR")
                .contains("POST " + link + " failed: a dependency is unreachable; answered 503")
                .contains("POST /api/requests failed").contains("POST " + oneClick + " failed");

        // nothing was recorded; the same link, call and click do the work once the database answers again
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                http.post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode(), status -> status == 200);
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                http.post(oneClick, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes())
                        .statusCode(), status -> status == 200);
        assertThat(register.isSubscribed(subscriber)).isFalse();
        assertThat(jdbc.sql("select verification_state from dsr_request where requester_email = :email")
                .param("email", email).query(String.class).single()).isEqualTo("VERIFIED");
        assertThat(jdbc.sql("select count(*) from dsr_request where requester_email = :email")
                .param("email", apiEmail).query(Long.class).single()).as("the broken call recorded nothing").isZero();

        // the requester whose confirm went through retries (the answer was lost): the same success page, not 410
        HttpResponse<String> again = http.post(link + "?lang=en", "application/x-www-form-urlencoded", new byte[0]);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Thank you, your request is confirmed");
    }

    /**
     * A job whose connection breaks as it writes (the unsubscribe confirmation's sealed letter) did not fail on its
     * own account: it runs again within seconds and keeps every retry, instead of using one up and waiting for the
     * next step of its retry cycle. (When the whole database is away, the failure cannot be written either and the
     * job runs again once its lock expires: the fault suite, bench/faults.sh, covers that.)
     */
    @Test
    void aJobThatMeetsADatabaseOutageRunsAgainKeepingItsRetries() {
        String email = uniqueAddress("job-outage");
        register.subscriber("Jouko Jobi", email, "fi");
        Http http = http();
        assertThat(http.postJson("/api/requests",
                "{\"type\":\"UNSUBSCRIBE\",\"email\":\"" + email + "\",\"language\":\"fi\"}").statusCode())
                .isEqualTo(202);
        String link = Mails.verificationPath(awaitMailWithSubject(email, "Vahvista"));
        String reference = jdbc.sql("select reference from dsr_request where requester_email = :e").param("e", email)
                .query(String.class).single();

        // no other job may write a letter meanwhile (another test's request's receipt): the break is this job's
        Awaitility.await().atMost(PATIENCE).until(() -> managementService.createJobQuery().executable().count() == 0);
        int cutsBefore = PROXY.markerCuts();
        PROXY.breakConnectionWhenSent("insert into response_letter");
        try {
            assertThat(http.post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode()).isEqualTo(200);
            Awaitility.await().atMost(PATIENCE).until(() -> PROXY.markerCuts() > cutsBefore);
        } finally {
            PROXY.restore();
        }
        // the engine's retry cycle would wait 10 s and use a retry; the job runs again 5 s later, keeping them
        awaitMailWithSubject(email, "Uutiskirjeen tilaus on lopetettu");

        String instance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("unsubscribe").singleResult().getId();
        var log = historyService.createHistoricJobLogQuery().processInstanceId(instance)
                .activityIdIn("Task_SendConfirmation");
        assertThat(log.failureLog().count()).as("the job met the outage").isPositive();
        int created = historyService.createHistoricJobLogQuery().processInstanceId(instance)
                .activityIdIn("Task_SendConfirmation").creationLog().singleResult().getJobRetries();
        int succeeded = historyService.createHistoricJobLogQuery().processInstanceId(instance)
                .activityIdIn("Task_SendConfirmation").successLog().singleResult().getJobRetries();
        assertThat(succeeded).as("retries when it succeeded, against when it was created").isEqualTo(created);
    }

    /**
     * The whole database goes away while a job runs (the sealed letter of an unsubscribe confirmation, as it writes the
     * letter), for long enough that the job's failure cannot be written either: the job stays locked to this node,
     * which no longer runs it. Once the database is back, the node gives that stale lock back (or its short lock
     * expires), and the job runs again within seconds, not after a minute-long lock.
     */
    @Test
    void aJobWhoseNodeLostTheDatabaseMidwayRunsAgainWithinSecondsOfItsReturn() throws InterruptedException {
        String email = uniqueAddress("job-lost");
        register.subscriber("Jaana Jobi", email, "fi");
        Http http = http();
        assertThat(http.postJson("/api/requests",
                "{\"type\":\"UNSUBSCRIBE\",\"email\":\"" + email + "\",\"language\":\"fi\"}").statusCode())
                .isEqualTo(202);
        String link = Mails.verificationPath(awaitMailWithSubject(email, "Vahvista"));
        Awaitility.await().atMost(PATIENCE).until(() -> managementService.createJobQuery().executable().count() == 0);

        int cutsBefore = PROXY.markerCuts();
        PROXY.cutWhenSent("insert into response_letter");
        long back;
        try {
            assertThat(http.post(link, "application/x-www-form-urlencoded", new byte[0]).statusCode()).isEqualTo(200);
            Awaitility.await().atMost(PATIENCE).until(() -> PROXY.markerCuts() > cutsBefore);
            // longer than the pool's 2 s wait for a connection: the job's failure is not written
            Thread.sleep(10_000);
        } finally {
            PROXY.restore();
            back = System.nanoTime();
        }
        Awaitility.await().atMost(Duration.ofSeconds(RECOVERY_SECONDS)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestMailServer.receivedBy(email).stream()
                        .anyMatch(m -> Mails.subject(m).contains("Uutiskirjeen tilaus on lopetettu")));
        System.out.printf("the letter job ran again and its mail arrived %.1f s after the database came back%n",
                (System.nanoTime() - back) / 1e9);
    }

    /**
     * Within how many seconds of the database's return a job it interrupted has run again and its mail arrived (a
     * minute-long lock would make it a minute; the renewed lock is 20 s, the stale one is given back within 10 s).
     */
    private static final int RECOVERY_SECONDS = 30;

    /** Sends the request with the proxy set to break the connection as {@code statement} is sent; expects a 503. */
    private static HttpResponse<String> brokenMidway(String statement,
                                                     java.util.function.Supplier<HttpResponse<String>> call) {
        PROXY.cutWhenSent(statement);
        try {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).as("%s: %s", statement, response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
            return response;
        } finally {
            PROXY.restore();
        }
    }
}
