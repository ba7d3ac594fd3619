package fi.kivaq.dsr.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the deadline watch of each request that is still open {@code dsr.deadlines.watch-delay} after it was
 * received, every {@code dsr.deadlines.watch-sweep} on every node. Most requests are answered within minutes of
 * their confirmation, and a watch whose first timer is days away was started and ended again for each of them: a
 * third of the process instances the engine ran (README "Performance"). A request closed before the delay never has
 * a watch; its flag is cleared here in bulk, so that the pending rows stay few.
 * <p>
 * Each request is claimed with a conditional update and its watch started in the claiming transaction
 * ({@link DeadlineWatch#startIfPending}), so two nodes sweeping at once start it once; an extension before the sweep
 * starts the watch the same way.
 */
@Component
class DeadlineWatchStarter {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatchStarter.class);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final DeadlineWatch watch;
    private final DeadlineProperties settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeadlineWatchStarter(JdbcClient jdbc, DeadlineWatch watch, DeadlineProperties settings,
                         PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.watch = watch;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dsr.deadlines.watch-sweep:PT1M}",
               initialDelayString = "${dsr.deadlines.watch-sweep:PT1M}")
    void sweep() {
        try {
            startDue(clock.instant().minus(settings.watchDelay()));
        } catch (RuntimeException e) {
            // the next sweep tries again; a database outage must not end the schedule
            log.warn("Deadline watches not started in this sweep: {}", e.toString());
        }
    }

    /**
     * Starts the watch of every open request received at or before {@code receivedBy} that has none, and clears the
     * flag of the closed ones. Returns how many watches it started.
     */
    int startDue(Instant receivedBy) {
        OffsetDateTime cutoff = receivedBy.atOffset(ZoneOffset.UTC);
        jdbc.sql("update dsr_request set deadline_watch_pending = false where deadline_watch_pending"
                        + " and received_at <= :cutoff and status not in " + RequestDeadlines.OPEN_STATUSES)
                .param("cutoff", cutoff).update();
        int started = 0;
        List<Pending> due;
        do {
            due = jdbc.sql("select id, reference from dsr_request where deadline_watch_pending"
                            + " and received_at <= :cutoff and status in " + RequestDeadlines.OPEN_STATUSES
                            + " order by received_at, id fetch first " + BATCH + " rows only")
                    .param("cutoff", cutoff).query(Pending.class).list();
            List<Pending> batch = due;
            started += transactions.execute(tx -> {
                int n = 0;
                for (Pending p : batch) {
                    if (watch.startIfPending(p.id(), p.reference())) {
                        n++;
                    }
                }
                return n;
            });
        } while (due.size() == BATCH);
        return started;
    }

    record Pending(long id, String reference) {
    }
}
