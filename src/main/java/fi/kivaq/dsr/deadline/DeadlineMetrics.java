package fi.kivaq.dsr.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Gauges {@code dsr.requests.open}, {@code dsr.requests.at_risk} and {@code dsr.requests.overdue}, tagged by type.
 * One grouped query feeds all twelve, at most every 30 seconds, however often Prometheus scrapes.
 */
@Component
class DeadlineMetrics {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final RequestDeadlines deadlines;
    private final DeadlineCalculator calculator;
    private final DeadlineProperties settings;
    private final Clock clock;
    private volatile Map<RequestType, RequestDeadlines.OpenByType> snapshot = Map.of();
    private volatile Instant takenAt = Instant.EPOCH;

    DeadlineMetrics(RequestDeadlines deadlines, DeadlineCalculator calculator, DeadlineProperties settings,
                    Clock clock, MeterRegistry registry) {
        this.deadlines = deadlines;
        this.calculator = calculator;
        this.settings = settings;
        this.clock = clock;
        for (RequestType type : RequestType.values()) {
            gauge(registry, "dsr.requests.open", "Open data-subject requests", type, RequestDeadlines.OpenByType::open);
            gauge(registry, "dsr.requests.at_risk", "Open requests due within the reminder window", type,
                    RequestDeadlines.OpenByType::atRisk);
            gauge(registry, "dsr.requests.overdue", "Open requests past their due date", type,
                    RequestDeadlines.OpenByType::overdue);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, RequestType type,
                       ToLongFunction<RequestDeadlines.OpenByType> value) {
        Gauge.builder(name, this, m -> {
                    RequestDeadlines.OpenByType counts = m.current().get(type);
                    return counts == null ? 0 : value.applyAsLong(counts);
                })
                .description(description).tag("type", type.name()).register(registry);
    }

    synchronized Map<RequestType, RequestDeadlines.OpenByType> current() {
        Instant now = clock.instant();
        if (takenAt.plus(MAX_AGE).isBefore(now)) {
            LocalDate today = LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
            Map<RequestType, RequestDeadlines.OpenByType> fresh = new EnumMap<>(RequestType.class);
            for (var row : deadlines.openByType(today,
                    DailyDigest.atRiskUntil(calculator, today, settings.reminderWorkingDays()))) {
                fresh.put(row.type(), row);
            }
            snapshot = fresh;
            takenAt = now;
        }
        return snapshot;
    }
}
