package fi.kivaq.dsr.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address and refuses either for {@code lockDuration} once it has
 * failed {@code limit} times within {@code window} (the window starts with the first failure); it then unlocks by
 * itself, so nobody can lock a staff member out for good. The counts are rows of {@code login_throttle}, shared by
 * every node over the database: each failure is one single-row update, so failures on several nodes at once all
 * count, and only the update that crosses the limit locks (and announces the lock once, {@link LoginAlerts}). The
 * table holds keyed hashes (HMAC-SHA256 with {@code dsr.suppression.secret}), never a user name or an address; rows
 * idle for longer than the window and the lock are deleted every minute, so it grows only with recent failures.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    enum Kind { ACCOUNT, CLIENT }

    private final LoginThrottleProperties properties;
    private final LoginAlerts alerts;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final SecretKeySpec secret;

    LoginThrottle(LoginThrottleProperties properties, LoginAlerts alerts, Clock clock, JdbcClient jdbc,
                  @Value("${dsr.suppression.secret}") String secret) {
        this.properties = properties;
        this.alerts = alerts;
        this.clock = clock;
        this.jdbc = jdbc;
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** How long the account or client is still refused, if it is. */
    Optional<Duration> refusal(String account, String client) {
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>(2);
        for (String key : new String[] {key(Kind.ACCOUNT, account), key(Kind.CLIENT, client)}) {
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            return jdbc.sql("select locked_until from login_throttle where throttle_key in (:keys) and locked_until > :now")
                    .param("keys", keys).param("now", utc(now))
                    .query(OffsetDateTime.class).list().stream()
                    .map(until -> Duration.between(now, until.toInstant()))
                    .max(Duration::compareTo);
        } catch (DataAccessException e) {
            // the login itself needs the database too; not knowing is no reason to refuse it here
            log.warn("Login throttle not readable: {}", e.toString());
            return Optional.empty();
        }
    }

    void failed(String account, String client) {
        try {
            count(Kind.ACCOUNT, account, properties.maxFailuresPerAccount());
            count(Kind.CLIENT, client, properties.maxFailuresPerClient());
        } catch (DataAccessException e) {
            log.warn("Failed login not counted: {}", e.toString());
        }
    }

    /** A login that worked clears its account's failures (not its client's: one good account does not vouch). */
    void succeeded(String account) {
        String key = key(Kind.ACCOUNT, account);
        if (key == null) {
            return;
        }
        try {
            jdbc.sql("update login_throttle set failures = 0 where throttle_key = :k and failures > 0")
                    .param("k", key).update();
        } catch (DataAccessException e) {
            log.warn("Login throttle not cleared: {}", e.toString());
        }
    }

    private void count(Kind kind, String who, int limit) {
        String key = key(kind, who);
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        ensureRow(key, now);
        // one statement: a failure after the window starts a new one, otherwise it adds one to the count; failures
        // while locked (a race with the refusal) do not count, so a lock cannot be prolonged or followed by another at once
        jdbc.sql("""
                        update login_throttle set
                          failures = case when window_start <= :windowOver then 1 else failures + 1 end,
                          window_start = case when window_start <= :windowOver then :now else window_start end,
                          last_failure = :now
                        where throttle_key = :k and (locked_until is null or locked_until <= :now)""")
                .param("windowOver", utc(now.minus(properties.window()))).param("now", utc(now)).param("k", key)
                .update();
        // only the update that finds the limit reached and no lock in force locks: one lock, one alert, on any node
        int locked = jdbc.sql("""
                        update login_throttle set locked_until = :until, failures = 0, window_start = :now
                        where throttle_key = :k and failures >= :limit and (locked_until is null or locked_until <= :now)""")
                .param("until", utc(now.plus(properties.lockDuration()))).param("now", utc(now))
                .param("limit", limit).param("k", key).update();
        if (locked > 0) {
            log.warn("Too many failed logins for {} {}: refused for {}", kind, who, properties.lockDuration());
            alerts.locked(kind, who, limit, properties.window(), properties.lockDuration());
        }
    }

    /** The key's row, made if missing (a node that loses the race to make it finds it made). */
    private void ensureRow(String key, Instant now) {
        if (jdbc.sql("select count(*) from login_throttle where throttle_key = :k").param("k", key)
                .query(Long.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("""
                            insert into login_throttle (throttle_key, window_start, failures, last_failure)
                            values (:k, :now, 0, :now)""")
                    .param("k", key).param("now", utc(now)).update();
        } catch (DuplicateKeyException someoneElseWasFirst) {
            // made by a parallel failure: all we wanted
        }
    }

    /** Rows with no failure within the window and no lock in force say nothing any more. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void forgetIdle() {
        try {
            forgetIdleBefore(clock.instant());
        } catch (DataAccessException e) {
            log.warn("Idle login throttle rows not deleted: {}", e.toString());
        }
    }

    int forgetIdleBefore(Instant now) {
        return jdbc.sql("""
                        delete from login_throttle
                        where last_failure <= :windowOver and (locked_until is null or locked_until <= :now)""")
                .param("windowOver", utc(now.minus(properties.window()))).param("now", utc(now)).update();
    }

    /** The row's key: the kind and a keyed hash of the account (in lower case) or the client address. */
    String key(Kind kind, String who) {
        if (who == null || who.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            String hash = HexFormat.of().formatHex(mac.doFinal(("login:" + kind + ":" + who.strip().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8)));
            return (kind == Kind.ACCOUNT ? "a:" : "c:") + hash;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
