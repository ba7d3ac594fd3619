package fi.kivaq.dsr.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "mailDispatcher": mails waiting in the outbox, the age of the oldest, and those
 * given up on. A backlog older than {@link #STALE}, or a mail given up on in the last day, is {@code DEGRADED}:
 * requests are still taken and recorded, so it is for people to look at, never a reason for an orchestrator to pull
 * or restart a node.
 */
@Component("mailDispatcher")
class OutboxHealthIndicator implements HealthIndicator {

    /** Our own status between UP and DOWN; its HTTP code and order are in application.yml. */
    static final Status DEGRADED = new Status("DEGRADED");
    /** A mail older than this and still unsent means mail is not getting out. */
    static final Duration STALE = Duration.ofMinutes(5);

    private final OutboxDispatcher dispatcher;
    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxHealthIndicator(OutboxDispatcher dispatcher, JdbcClient jdbc, Clock clock) {
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Health health() {
        long backlog = dispatcher.backlog();
        long failed = jdbc.sql("select count(*) from outbox_mail where status = 'FAILED'").query(Long.class).single();
        // a give-up sets next_attempt_at to at most an hour later: this counts those given up on in the last day,
        // so that one old failure, already dealt with by hand, does not keep the node DEGRADED for ever
        long failedLately = jdbc.sql("select count(*) from outbox_mail where status = 'FAILED' and next_attempt_at > :since")
                .param("since", OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(1)), ZoneOffset.UTC))
                .query(Long.class).single();
        Instant oldest = jdbc.sql("select min(created_at) from outbox_mail where status in ('PENDING', 'SENDING')")
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null);
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
        boolean degraded = failedLately > 0 || age.compareTo(STALE) > 0;
        return Health.status(degraded ? DEGRADED : Status.UP)
                .withDetail("backlog", backlog)
                .withDetail("oldestUnsentSeconds", Math.max(0, age.toSeconds()))
                .withDetail("failed", failed)
                .build();
    }
}
