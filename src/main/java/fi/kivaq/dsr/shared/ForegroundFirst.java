package fi.kivaq.dsr.shared;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * People first, background work after: while HTTP requests are being answered, background work (jobs, process starts,
 * letters' and notices' mails) is admitted one unit per {@code dsr.background.admission-interval} across the node, so
 * that a requester's POST does not queue for the CPU behind sealed letters (README "Performance"): at 100 ms, ten
 * units a second while requests keep arriving, and everything in the gaps between them. With no request
 * in flight background work runs at full speed; no unit waits longer than {@code dsr.background.max-pause}, so
 * background work always moves on. The links' outbox lane does not yield: a person is waiting for those too.
 * <p>
 * The JVM cannot lower a thread's operating-system priority (Java priorities are ignored on Linux), and the database
 * and the node share the same CPUs on a small machine, so this holds back the work itself, not its threads.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ForegroundFirst extends OncePerRequestFilter {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong nextAdmission = new AtomicLong();
    private final long admissionIntervalNanos;
    private final long maxPauseNanos;
    private final LongSupplier nanoTime;

    @Autowired
    ForegroundFirst(@Value("${dsr.background.admission-interval:PT0.1S}") Duration admissionInterval,
                    @Value("${dsr.background.max-pause:PT1S}") Duration maxPause) {
        this(admissionInterval, maxPause, System::nanoTime);
    }

    ForegroundFirst(Duration admissionInterval, Duration maxPause, LongSupplier nanoTime) {
        this.admissionIntervalNanos = admissionInterval.toNanos();
        this.maxPauseNanos = maxPause.toNanos();
        this.nanoTime = nanoTime;
        this.nextAdmission.set(nanoTime.getAsLong());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        inFlight.incrementAndGet();
        try {
            chain.doFilter(request, response);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** One that never holds anything back (tests of a single component). */
    public static ForegroundFirst disabled() {
        return new ForegroundFirst(Duration.ZERO, Duration.ZERO, System::nanoTime);
    }

    /** Requests being answered now. */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Called by background work before each unit, holding no transaction: returns at once when no request is in
     * flight, else when this unit is admitted, at the latest after the maximum pause.
     */
    public void yieldToRequests() {
        if (admissionIntervalNanos <= 0 || inFlight.get() == 0) {
            return;
        }
        long giveUp = nanoTime.getAsLong() + maxPauseNanos;
        while (!admitted(nanoTime.getAsLong())) {
            if (inFlight.get() == 0 || nanoTime.getAsLong() - giveUp >= 0) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Takes the next admission if it is due at {@code now}: one unit per interval across all threads. */
    boolean admitted(long now) {
        long due = nextAdmission.get();
        if (now - due < 0) {
            return false;
        }
        // counted from now, not from when it was due: after a quiet spell no burst of the admissions missed
        return nextAdmission.compareAndSet(due, now + admissionIntervalNanos);
    }
}
