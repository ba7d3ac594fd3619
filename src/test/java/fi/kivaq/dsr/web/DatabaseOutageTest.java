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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.TcpProxy;
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
}
