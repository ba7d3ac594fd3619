package fi.kivaq.dsr.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address and refuses either for {@code lockDuration} once it has
 * failed too often within {@code window}; it then unlocks by itself, so nobody can lock a staff member out for
 * good. Held in memory of each node (a restart forgets it, each node counts its own): it slows guessing, it does not
 * need to be exact. A lock is announced once ({@link LoginAlerts}).
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Bounds the memory an attacker spraying addresses or names can make us use. */
    private static final int MAX_TRACKED = 100_000;

    enum Kind { ACCOUNT, CLIENT }

    private final LoginThrottleProperties properties;
    private final LoginAlerts alerts;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(LoginThrottleProperties properties, LoginAlerts alerts, Clock clock) {
        this.properties = properties;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** How long the account or client is still refused, if it is. */
    Optional<Duration> refusal(String account, String client) {
        Instant now = clock.instant();
        Duration longest = null;
        for (String key : new String[] {key(Kind.ACCOUNT, account), key(Kind.CLIENT, client)}) {
            Failures f = key == null ? null : failures.get(key);
            Instant until = f == null ? null : f.lockedUntil(now);
            if (until != null) {
                Duration left = Duration.between(now, until);
                longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    void failed(String account, String client) {
        count(Kind.ACCOUNT, account, properties.maxFailuresPerAccount());
        count(Kind.CLIENT, client, properties.maxFailuresPerClient());
    }

    /** A login that worked clears its account's failures (not its client's: one good account does not vouch). */
    void succeeded(String account) {
        String key = key(Kind.ACCOUNT, account);
        if (key != null) {
            failures.remove(key);
        }
    }

    private void count(Kind kind, String who, int limit) {
        String key = key(kind, who);
        if (key == null) {
            return;
        }
        if (failures.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.idle(now, properties.window(), properties.lockDuration()));
        }
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        if (f.add(clock.instant(), properties.window(), limit, properties.lockDuration())) {
            log.warn("Too many failed logins for {} {}: refused for {}", kind, who, properties.lockDuration());
            alerts.locked(kind, who, limit, properties.window(), properties.lockDuration());
        }
    }

    private static String key(Kind kind, String who) {
        return who == null || who.isBlank() ? null : kind + ":" + who.strip().toLowerCase(Locale.ROOT);
    }

    /** Failure times within the window, and the lock they led to. */
    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant lockedUntil;

        /** Whether this failure locked it (it was not locked before). */
        synchronized boolean add(Instant now, Duration window, int limit, Duration lock) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.removeFirst();
            }
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
            if (times.size() >= limit && lockedUntil(now) == null) {
                lockedUntil = now.plus(lock);
                times.clear();
                return true;
            }
            return false;
        }

        synchronized Instant lockedUntil(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now) ? lockedUntil : null;
        }

        synchronized boolean idle(Instant now, Duration window, Duration lock) {
            Instant last = times.isEmpty() ? null : times.peekLast();
            return lockedUntil(now) == null && (last == null || !last.isAfter(now.minus(window)));
        }
    }
}
