package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic, on a clock the test moves: refused after the limit, unlocked after the lock. */
@Tag("fast")
class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T08:00:00Z"));
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
    private final LoginAlerts alerts = mock(LoginAlerts.class);
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleProperties(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)), alerts, clock);

    private void later(Duration duration) {
        now.set(now.get().plus(duration));
    }

    @Test
    void anAccountIsRefusedAfterFiveFailuresAndUnlocksByItself() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("staff", "203.0.113." + i);
        }
        assertThat(throttle.refusal("staff", "198.51.100.1")).isEmpty();
        throttle.failed("staff", "203.0.113.9");
        assertThat(throttle.refusal("STAFF", "198.51.100.1")).contains(Duration.ofMinutes(15));
        assertThat(throttle.refusal("other", "198.51.100.1")).isEmpty();
        verify(alerts, times(1)).locked(eq(LoginThrottle.Kind.ACCOUNT), eq("staff"), anyInt(), any(), any());

        later(Duration.ofMinutes(10));
        assertThat(throttle.refusal("staff", null)).contains(Duration.ofMinutes(5));
        later(Duration.ofMinutes(5));
        assertThat(throttle.refusal("staff", null)).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("slow", null);
            later(Duration.ofMinutes(5));
        }
        throttle.failed("slow", null);
        assertThat(throttle.refusal("slow", null)).isEmpty();
    }

    @Test
    void aClientIsRefusedAfterTwentyFailuresWhateverTheAccounts() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("name" + i, "203.0.113.50");
        }
        assertThat(throttle.refusal("fresh", "203.0.113.50")).isEmpty();
        throttle.failed("name19", "203.0.113.50");
        assertThat(throttle.refusal("fresh", "203.0.113.50")).isPresent();
        assertThat(throttle.refusal("fresh", "203.0.113.51")).isEmpty();
        verify(alerts).locked(eq(LoginThrottle.Kind.CLIENT), eq("203.0.113.50"), anyInt(), any(), any());
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("forgetful", null);
        }
        throttle.succeeded("forgetful");
        throttle.failed("forgetful", null);
        assertThat(throttle.refusal("forgetful", null)).isEmpty();
    }
}
