package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Background work is admitted one unit per interval while requests are answered, and at full speed otherwise. */
@Tag("fast")
class ForegroundFirstTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final ForegroundFirst gate = new ForegroundFirst(Duration.ofMillis(20), Duration.ofSeconds(1), now::get);

    @Test
    void oneUnitPerIntervalAcrossAllThreadsAndNoBurstAfterAQuietSpell() {
        assertThat(gate.admitted(now.get())).isTrue();
        assertThat(gate.admitted(now.get())).as("a second unit in the same interval").isFalse();
        assertThat(gate.admitted(now.get() + 19 * MS)).isFalse();
        assertThat(gate.admitted(now.get() + 20 * MS)).isTrue();
        assertThat(gate.admitted(now.get() + 20 * MS)).isFalse();

        // ten quiet seconds later: one unit now, not five hundred
        long later = now.get() + 10_000 * MS;
        assertThat(gate.admitted(later)).isTrue();
        assertThat(gate.admitted(later)).isFalse();
        assertThat(gate.admitted(later + 20 * MS)).isTrue();
    }

    @Test
    void aRequestInFlightIsCountedUntilItsAnswerIsWritten() throws Exception {
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
                assertThat(gate.inFlight()).isEqualTo(1);
            }
        };
        gate.doFilter(new MockHttpServletRequest("POST", "/api/requests"), new MockHttpServletResponse(), chain);
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void withNoRequestInFlightBackgroundWorkIsNeverHeldBack() {
        for (int i = 0; i < 1_000; i++) {
            gate.yieldToRequests(); // the clock stands still: a wait would never end
        }
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void aDisabledGateAdmitsEverythingAtOnce() {
        ForegroundFirst disabled = ForegroundFirst.disabled();
        disabled.yieldToRequests();
        assertThat(disabled.inFlight()).isZero();
    }
}
