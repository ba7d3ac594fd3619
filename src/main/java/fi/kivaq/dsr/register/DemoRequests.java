package fi.kivaq.dsr.register;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Demo data for the manager's dashboard, loaded only into an empty request table of the demo run: a few open
 * requests filed through the normal intake (so each has its processes and deadline watch), one of them overdue
 * and two close to their deadline, plus a year of answered requests for the on-time chart. Every address is
 * under {@code demo.example}.
 */
@Component
@ConditionalOnProperty(name = "dsr.demo.enabled", havingValue = "true")
class DemoRequests {

    private static final Logger log = LoggerFactory.getLogger(DemoRequests.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RequestIntake intake;
    private final DeadlineCalculator calculator;
    private final Clock clock;

    DemoRequests(JdbcClient jdbc, TransactionTemplate transaction, RequestIntake intake, DeadlineCalculator calculator,
                 Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.intake = intake;
        this.calculator = calculator;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    public void loadIfEmpty() {
        if (jdbc.sql("select count(*) from dsr_request").query(Long.class).single() > 0) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
        log.info("Demo requests loaded for the manager's dashboard (addresses under demo.example)");
    }

    private void load() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(DeadlineCalculator.HELSINKI));
        // open: overdue, two near the deadline, a few with time left
        open(RequestType.ACCESS, "demo.overdue", now.minusMonths(1).minusDays(6));
        open(RequestType.DELETION, "demo.close", now.minusMonths(1).plusDays(2));
        open(RequestType.RECTIFICATION, "demo.soon", now.minusMonths(1).plusDays(4));
        open(RequestType.ACCESS, "demo.fresh", now.minusDays(3));
        open(RequestType.DELETION, "demo.new", now.minusHours(5));
        // history: a year of answered requests, now and then late, for the on-time chart
        Random random = new Random(7);
        RequestType[] types = RequestType.values();
        for (int i = 0; i < 60; i++) {
            Instant received = now.minusDays(35 + random.nextInt(330)).toInstant();
            LocalDate due = calculator.dueDate(received);
            boolean late = random.nextInt(12) == 0;
            Instant closed = late ? due.plusDays(3).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant()
                    : received.plusSeconds((1 + random.nextInt(20)) * 24L * 3600);
            answered(types[random.nextInt(types.length)], received, due, closed, late);
        }
    }

    private void open(RequestType type, String name, ZonedDateTime received) {
        intake.file(new NewRequest(type, name + "@demo.example", null, Language.FI,
                type == RequestType.RECTIFICATION ? "Demo: sukunimi on muuttunut" : null, RequestChannel.WEB_FORM,
                received.toInstant()));
    }

    private void answered(RequestType type, Instant received, LocalDate due, Instant closed, boolean late) {
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, received_at, due_date, original_due_date, verification_state,
                            verified_at, closed_at, overdue_since)
                        values (:type, 'COMPLETED', 'WEB_FORM', 'fi', :email, :email, :received, :due, :due, 'VERIFIED',
                            :received, :closed, :overdue)""")
                .param("type", type.name()).param("email", "demo.history@demo.example")
                .param("received", received.atOffset(ZoneOffset.UTC)).param("due", due)
                .param("closed", closed.atOffset(ZoneOffset.UTC))
                .param("overdue", late ? due.plusDays(1).atStartOfDay(DeadlineCalculator.HELSINKI).toOffsetDateTime() : null));
        jdbc.sql("update dsr_request set reference = :reference where id = :id")
                .param("reference", "DSR-%d-%05d".formatted(received.atZone(DeadlineCalculator.HELSINKI).getYear(), id))
                .param("id", id).update();
    }
}
