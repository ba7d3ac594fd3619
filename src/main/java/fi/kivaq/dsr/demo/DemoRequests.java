package fi.kivaq.dsr.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.deadline.RequestDeadlines;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Demo data for the manager's dashboard, loaded only into an empty request table of the demo run: a few open
 * requests filed through the normal intake (so each has its processes and deadline watch), one of them overdue
 * and two close to their deadline, plus a year of answered requests for the on-time chart. Every address is
 * under {@code demo.example}. Written through {@code request}'s and {@code deadline}'s APIs.
 */
@Component
@ConditionalOnProperty(name = "dsr.demo.enabled", havingValue = "true")
class DemoRequests {

    private static final Logger log = LoggerFactory.getLogger(DemoRequests.class);

    private final RequestRepository requests;
    private final RequestDeadlines deadlines;
    private final TransactionTemplate transaction;
    private final RequestIntake intake;
    private final DeadlineCalculator calculator;
    private final Clock clock;

    DemoRequests(RequestRepository requests, RequestDeadlines deadlines, TransactionTemplate transaction,
                 RequestIntake intake, DeadlineCalculator calculator, Clock clock) {
        this.requests = requests;
        this.deadlines = deadlines;
        this.transaction = transaction;
        this.intake = intake;
        this.calculator = calculator;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    public void loadIfEmpty() {
        if (!requests.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
        log.info("Demo requests loaded for the manager's dashboard (addresses under demo.example)");
    }

    /** The caller's transaction: all of it or nothing. */
    void load() {
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
        DsrRequest answered = requests.recordAnswered(new NewRequest(type, "demo.history@demo.example", null,
                Language.FI, null, RequestChannel.WEB_FORM, received), due, closed);
        if (late) {
            deadlines.markOverdue(answered.id(), due.plusDays(1).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
        }
    }
}
