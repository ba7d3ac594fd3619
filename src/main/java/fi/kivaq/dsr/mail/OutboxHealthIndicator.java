package fi.kivaq.dsr.mail;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "mailDispatcher": mails waiting in the outbox, and those given up on. */
@Component("mailDispatcher")
class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxDispatcher dispatcher;
    private final JdbcClient jdbc;

    OutboxHealthIndicator(OutboxDispatcher dispatcher, JdbcClient jdbc) {
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        long failed = jdbc.sql("select count(*) from outbox_mail where status = 'FAILED'").query(Long.class).single();
        // a backlog is normal for a moment; the dispatcher itself is a scheduled task of this node
        return Health.up().withDetail("backlog", dispatcher.backlog()).withDetail("failed", failed).build();
    }
}
