package fi.kivaq.dsr.request;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.EmailAddresses;

/**
 * The per-address limit of public requests (form and API), counted atomically: a counter row per limit key, locked
 * ({@code select … for update}) and updated in the very transaction that files the request. Counting the filed
 * requests instead let a burst pass (20 parallel requests, 16 filed). The window starts with the first request of
 * an address and lasts {@code dsr.intake.address-window}. The key is a keyed hash (HMAC-SHA256 with the suppression
 * secret) of {@link EmailAddresses#limitKey}, so the table holds no address.
 */
@Component
class AddressLimit {

    private final JdbcClient jdbc;
    private final DsrProperties properties;
    private final Clock clock;
    private final SecretKeySpec secret;

    AddressLimit(JdbcClient jdbc, DsrProperties properties, Clock clock, @Value("${dsr.suppression.secret}") String secret) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String keyOf(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(("limit:" + EmailAddresses.limitKey(email)).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes sure the key's counter row exists, in a statement of its own before the filing transaction: a duplicate
     * insert would abort that transaction on PostgreSQL, and a row that exists can be locked.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void ensureCounter(String key) {
        if (jdbc.sql("select count(*) from intake_limit where limit_key = :k").param("k", key).query(Long.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("insert into intake_limit (limit_key, window_start, request_count) values (:k, :start, 0)")
                    .param("k", key).param("start", utc(Instant.EPOCH)).update();
        } catch (DuplicateKeyException someoneElseWasFirst) {
            // the row exists: all we wanted
        }
    }

    /** Takes one request from the key's allowance, or says there is none left; locks the row until the caller commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean take(String key) {
        record Counter(OffsetDateTime windowStart, int count) {
        }
        Counter counter = jdbc.sql("select window_start, request_count from intake_limit where limit_key = :k for update")
                .param("k", key).query((rs, n) -> new Counter(rs.getObject(1, OffsetDateTime.class), rs.getInt(2))).single();
        OffsetDateTime windowStart = counter.windowStart();
        int count = counter.count();
        Instant now = clock.instant();
        if (!windowStart.toInstant().plus(properties.intake().addressWindow()).isAfter(now)) {
            jdbc.sql("update intake_limit set window_start = :now, request_count = 1 where limit_key = :k")
                    .param("now", utc(now)).param("k", key).update();
            return true;
        }
        if (count >= properties.intake().maxRequestsPerAddress()) {
            return false;
        }
        jdbc.sql("update intake_limit set request_count = request_count + 1 where limit_key = :k").param("k", key).update();
        return true;
    }

    /** Counters whose window has passed say nothing any more. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    public void forgetPassedWindows() {
        jdbc.sql("delete from intake_limit where window_start < :before")
                .param("before", utc(clock.instant().minus(properties.intake().addressWindow()))).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
