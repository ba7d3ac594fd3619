package fi.kivaq.dsr.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "database", part of the readiness group: DOWN when the database does not
 * answer within {@link #PATIENCE}. Spring Boot's own indicator waits for a pool connection as long as any request
 * would (Hikari's connection timeout), so an orchestrator learnt of an outage only after 30 s, from a 500.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

    static final Duration PATIENCE = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final ExecutorService checks = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "database-health");
        thread.setDaemon(true);
        return thread;
    });

    DatabaseHealthIndicator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(
                () -> jdbc.sql("select 1").query(Integer.class).single(), checks);
        try {
            answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Health.down().withDetail("error", "no answer within " + PATIENCE.toSeconds() + " s").build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }
}
