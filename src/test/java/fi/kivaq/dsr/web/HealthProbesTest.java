package fi.kivaq.dsr.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestMailServer;

/**
 * What an orchestrator reads: liveness and readiness stay UP while only SMTP is down (requests are still taken and
 * their mails wait in the outbox), and the overall health says DEGRADED with 200 instead of a DOWN that would get
 * healthy nodes pulled or restarted. The database's part is in {@link DatabaseOutageTest}.
 */
class HealthProbesTest extends IntegrationTest {

    @Test
    void smtpDownIsDegradedNotDownAndLeavesTheProbesUp() {
        assertThat(http().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        TestMailServer.stop();
        try {
            HttpResponse<String> health = http().get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"DEGRADED\"");

            HttpResponse<String> readiness = http().get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
            assertThat(http().get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        } finally {
            TestMailServer.start();
        }
        assertThat(http().get("/actuator/health").body()).doesNotContain("DOWN");
    }
}
