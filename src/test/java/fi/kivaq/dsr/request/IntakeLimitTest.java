package fi.kivaq.dsr.request;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public form and API mail a link to any address typed in; past the per-address limit they refuse, in the
 * requester's language, store nothing and mail nothing, whether or not the address is in the register.
 */
class IntakeLimitTest extends IntegrationTest {

    @Autowired
    DsrProperties properties;
    @Autowired
    TestRegister register;

    @Test
    void anAddressPastItsLimitIsRefusedTheSameWayWhetherOrNotItIsInTheRegister() {
        String known = uniqueAddress("limit-known");
        register.subscriber("Rajattu Henkilö", known, "fi");
        String unknown = uniqueAddress("limit-unknown");
        int limit = properties.intake().maxRequestsPerAddress();
        assertThat(limit).isPositive();

        for (String address : new String[] {known, unknown}) {
            for (int i = 0; i < limit; i++) {
                assertThat(unsubscribe(address.toUpperCase()).statusCode()).as("request %d", i + 1).isEqualTo(202);
            }
            long requests = requestCount();
            HttpResponse<String> refused = unsubscribe(address);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("\"email\"").contains("ettemme lähetä sille enempää vahvistuslinkkejä");
            assertThat(requestCount()).as("nothing stored").isEqualTo(requests);
            awaitMails(address, limit);

            HttpResponse<String> form = http().postForm("/request", Map.of("type", "UNSUBSCRIBE", "email", address));
            assertThat(form.statusCode()).isEqualTo(429);
            assertThat(form.body()).contains("ettemme lähetä sille enempää vahvistuslinkkejä").contains(address);
            assertThat(requestCount()).isEqualTo(requests);
        }
        assertThat(unsubscribe(uniqueAddress("limit-other")).statusCode()).as("other addresses are not affected")
                .isEqualTo(202);
    }

    private HttpResponse<String> unsubscribe(String address) {
        return http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","language":"fi"}""".formatted(address));
    }
}
