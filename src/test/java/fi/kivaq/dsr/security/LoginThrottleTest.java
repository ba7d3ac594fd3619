package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.support.IntegrationTest;

/**
 * The throttle's arithmetic on a clock the test moves, with two throttles over the application's database (H2, and
 * PostgreSQL in the suite's second run) standing for two nodes: they share the count, only one of them locks, the
 * lock lifts after its time, and nothing an outsider does prolongs it. Each test uses names and addresses of its own.
 */
class LoginThrottleTest extends IntegrationTest {

    private static final String SECRET = "test-suppression-secret";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LoginThrottleProperties rules = new LoginThrottleProperties(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private final LoginAlerts alerts = mock(LoginAlerts.class);
    private LoginThrottle node1;
    private LoginThrottle node2;
    private final String account = "staff-" + UUID.randomUUID().toString().substring(0, 8);
    private final String client = "198.18." + (int) (Math.random() * 250) + "." + UUID.randomUUID().toString().substring(0, 4);

    private LoginThrottle node1() {
        if (node1 == null) {
            node1 = new LoginThrottle(rules, alerts, clock, jdbc, SECRET);
            node2 = new LoginThrottle(rules, alerts, clock, jdbc, SECRET);
        }
        return node1;
    }

    private LoginThrottle node2() {
        node1();
        return node2;
    }

    private void later(Duration duration) {
        now.set(now.get().plus(duration));
    }

    @Test
    void twoNodesShareTheCountAndTheLockLiftsByItself() {
        for (int i = 0; i < 4; i++) {
            (i % 2 == 0 ? node1() : node2()).failed(account, "203.0.113." + i);
        }
        assertThat(node1().refusal(account, client)).isEmpty();
        assertThat(node2().refusal(account, client)).isEmpty();
        node2().failed(account, "203.0.113.9");
        // the fifth failure, on the other node, locks the account on both
        assertThat(node1().refusal(account.toUpperCase(), client)).contains(Duration.ofMinutes(15));
        assertThat(node2().refusal(account, client)).contains(Duration.ofMinutes(15));
        assertThat(node1().refusal(account + "-other", client)).isEmpty();
        verify(alerts, times(1)).locked(eq(LoginThrottle.Kind.ACCOUNT), eq(account), anyInt(), any(), any());

        later(Duration.ofMinutes(10));
        assertThat(node2().refusal(account, null)).contains(Duration.ofMinutes(5));
        later(Duration.ofMinutes(5));
        assertThat(node1().refusal(account, null)).isEmpty();
        assertThat(node2().refusal(account, null)).isEmpty();
    }

    @Test
    void parallelFailuresOnTwoNodesAllCountAndLockOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                LoginThrottle node = i % 2 == 0 ? node1() : node2();
                String from = "203.0.113." + (100 + i);
                done.add(threads.submit(() -> {
                    start.await();
                    node.failed(account, from);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(node1().refusal(account, client)).isPresent();
        verify(alerts, times(1)).locked(eq(LoginThrottle.Kind.ACCOUNT), eq(account), anyInt(), any(), any());
    }

    @Test
    void failuresWhileLockedDoNotProlongTheLockNorLockAgainRightAfter() {
        for (int i = 0; i < 5; i++) {
            node1().failed(account, null);
        }
        assertThat(node2().refusal(account, null)).contains(Duration.ofMinutes(15));
        // an outsider keeps trying (a race past the refusal): the lock stays as it was
        later(Duration.ofMinutes(14));
        for (int i = 0; i < 10; i++) {
            node2().failed(account, null);
        }
        assertThat(node1().refusal(account, null)).contains(Duration.ofMinutes(1));
        later(Duration.ofMinutes(1));
        assertThat(node1().refusal(account, null)).isEmpty();
        // after the lock, the rules start again: one failure does not lock, the fifth does
        node1().failed(account, null);
        assertThat(node2().refusal(account, null)).isEmpty();
        verify(alerts, times(1)).locked(eq(LoginThrottle.Kind.ACCOUNT), eq(account), anyInt(), any(), any());
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            node1().failed(account, null);
            later(Duration.ofMinutes(5));
        }
        node2().failed(account, null);
        assertThat(node1().refusal(account, null)).isEmpty();
    }

    @Test
    void aClientIsRefusedAfterTwentyFailuresWhateverTheAccounts() {
        for (int i = 0; i < 19; i++) {
            (i % 2 == 0 ? node1() : node2()).failed(account + i, client);
        }
        assertThat(node1().refusal("fresh", client)).isEmpty();
        node2().failed(account + 19, client);
        assertThat(node1().refusal("fresh", client)).isPresent();
        assertThat(node1().refusal("fresh", client + "1")).isEmpty();
        verify(alerts).locked(eq(LoginThrottle.Kind.CLIENT), eq(client), anyInt(), any(), any());
        verify(alerts, never()).locked(eq(LoginThrottle.Kind.ACCOUNT), anyString(), anyInt(), any(), any());
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            node1().failed(account, null);
        }
        node2().succeeded(account);
        node1().failed(account, null);
        assertThat(node1().refusal(account, null)).isEmpty();
    }

    @Test
    void theTableHoldsNoNameOrAddressAndIdleRowsGo() {
        node1().failed(account, client);
        List<String> keys = jdbc.sql("select throttle_key from login_throttle").query(String.class).list();
        assertThat(keys).contains(node1().key(LoginThrottle.Kind.ACCOUNT, account),
                node1().key(LoginThrottle.Kind.CLIENT, client));
        assertThat(keys).noneMatch(k -> k.contains(account) || k.contains(client));

        later(Duration.ofMinutes(15));
        node2().forgetIdleBefore(now.get());
        assertThat(jdbc.sql("select count(*) from login_throttle where throttle_key in (:k)")
                .param("k", List.of(node1().key(LoginThrottle.Kind.ACCOUNT, account),
                        node1().key(LoginThrottle.Kind.CLIENT, client)))
                .query(Long.class).single()).isZero();
    }
}
