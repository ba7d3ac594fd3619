package fi.kivaq.dsr.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.support.IntegrationTest;

/**
 * Addresses reach the limit and the register in one canonical form; the per-address limit is counted atomically
 * and folds what would otherwise let one mailbox pass it ({@code +tag}, dots, look-alike letters, invisible
 * spaces); an address that can never be mailed is refused with 400. On H2 and PostgreSQL.
 */
class IntakeCanonicalAddressTest extends IntegrationTest {

    @Autowired
    DsrProperties properties;

    private HttpResponse<String> unsubscribe(String address) {
        return http().postJson("/api/requests", """
                {"type":"UNSUBSCRIBE","email":"%s","language":"en"}""".formatted(address));
    }

    private static String local() {
        return "race" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void twentyParallelRequestsCannotPassTheLimit() throws Exception {
        String address = local() + "@test.example";
        int limit = properties.intake().maxRequestsPerAddress();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> unsubscribe(address).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(limit);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(20 - limit);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from dsr_request where requester_email_normalised = :e")
                .param("e", address).query(Long.class).single()).isEqualTo(limit);
    }

    @Test
    void variantsOfOneMailboxShareTheLimit() {
        String name = local();
        String[] variants = {
            name + "@test.example", name + "+a@test.example", name + "+b@TEST.example",
            name.charAt(0) + "." + name.substring(1) + "@test.example", "\\u200b" + name + "@test.example",
            "\\u00a0" + name + "@test.example", name.toUpperCase() + "@test.example",
            name.replace('a', '\u0430') + "@test.example",
            name.replace("r", "\uFF52") + "@test.example",
            name + "+c@test.example"};
        assertThat(variants).hasSize(properties.intake().maxRequestsPerAddress());
        for (String variant : variants) {
            assertThat(unsubscribe(variant).statusCode()).as(variant).isEqualTo(202);
        }
        long before = requestCount();
        assertThat(unsubscribe(name + "+d@test.example").statusCode()).isEqualTo(429);
        assertThat(unsubscribe(name.replace("e", "\u0435") + "@test.example").statusCode()).isEqualTo(429);
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void theStoredAddressIsCanonical() {
        String name = local();
        HttpResponse<String> filed = unsubscribe("\\u200b" + name + "@Müller-Test.Example\\u00a0");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        assertThat(jdbc.sql("select requester_email from dsr_request where requester_email like :n")
                .param("n", name + "%").query(String.class).single()).startsWith(name + "@xn--mller-test-")
                .endsWith(".example").isEqualTo(fi.kivaq.dsr.shared.EmailAddresses.canonical(name + "@müller-test.example").orElseThrow());
    }

    @Test
    void anAddressThatCanNeverBeMailedIs400AndNothingIsStored() {
        long before = requestCount();
        for (String address : new String[] {local() + "\\ud800@test.example", local() + "@test\\udc00.example",
                local() + "\\u0000@test.example", local() + "\\u202e@test.example"}) {
            HttpResponse<String> refused = unsubscribe(address);
            assertThat(refused.statusCode()).as(address).isEqualTo(400);
            assertThat(refused.body()).contains("\"email\"");
        }
        assertThat(requestCount()).isEqualTo(before);
    }
}
