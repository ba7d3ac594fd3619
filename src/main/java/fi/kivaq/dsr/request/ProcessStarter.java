package fi.kivaq.dsr.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.shared.ForegroundFirst;
import fi.kivaq.dsr.shared.VerificationState;

/**
 * Starts the processes of public requests (form, API, one-click link) just after the transaction that files them,
 * on one thread of its own, so that the requester's answer waits for one insert and not for three process starts
 * (README "Performance"). The filing transaction stores the request with {@code processes_started = false}; after
 * its commit this thread is woken, takes the due requests oldest first, a batch per transaction, and for each one
 * claims the row ({@link RequestRepository#claimProcessStart}) and publishes {@link RequestFiled}, on which the
 * deadline watch and the feature's own process start, in the same transaction as the claim. So the processes start
 * exactly once, whichever node or thread takes the row; a node that dies between the two commits leaves the row to
 * the next sweep (every {@code dsr.intake.process-start-sweep}, on every node).
 * <p>
 * A request whose address was verified before its processes started (the link is mailed at filing, and a requester
 * can be quicker than a busy node) starts with the verification behind it: the flags come from the row as it is when
 * its processes start.
 */
@Component
public class ProcessStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessStarter.class);

    private final RequestRepository requests;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ForegroundFirst foreground;
    private final int batchSize;
    private final Duration sweep;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;

    ProcessStarter(RequestRepository requests, ApplicationEventPublisher events,
                   PlatformTransactionManager transactionManager, ForegroundFirst foreground,
                   @Value("${dsr.intake.process-start-batch:5}") int batchSize,
                   @Value("${dsr.intake.process-start-sweep:PT5S}") Duration sweep) {
        this.requests = requests;
        this.events = events;
        this.foreground = foreground;
        this.transactions = new TransactionTemplate(transactionManager);
        this.batchSize = batchSize;
        this.sweep = sweep;
    }

    /** Wakes the starter when the current transaction commits (at once outside a transaction). */
    void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Starts the processes of every due request, in this thread; the number started. Tests call it to wait for
     * the starter deterministically; the starter's own thread calls it on every wake-up and sweep.
     */
    public int startDue() {
        int started = 0;
        List<Long> due;
        List<Long> failed = new ArrayList<>();
        do {
            due = requests.processStartsDue(batchSize + failed.size()).stream()
                    .filter(id -> !failed.contains(id)).limit(batchSize).toList();
            if (due.isEmpty()) {
                break;
            }
            foreground.yieldToRequests();
            try {
                List<Long> batch = due;
                started += transactions.execute(status -> {
                    int count = 0;
                    for (long id : batch) {
                        count += startOne(id) ? 1 : 0;
                    }
                    return count;
                });
            } catch (RuntimeException batchFailed) {
                // one of them cannot start (or the database went away): each on its own, so the others do
                for (long id : due) {
                    try {
                        started += transactions.execute(status -> startOne(id)) ? 1 : 0;
                    } catch (RuntimeException e) {
                        log.error("The processes of request {} could not start; retried at the next sweep", id, e);
                        failed.add(id);
                    }
                }
            }
        } while (!stopRequested());
        return started;
    }

    /** The starter's own thread ends its round when the node stops; another caller's round runs to the end. */
    private boolean stopRequested() {
        return Thread.currentThread() == thread && !running;
    }

    private boolean startOne(long id) {
        if (!requests.claimProcessStart(id)) {
            return false; // another thread or node started them
        }
        DsrRequest request = requests.get(id);
        events.publishEvent(new RequestFiled(request.id(), request.reference(), request.type(),
                request.verificationState() == VerificationState.PENDING, false));
        return true;
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(sweep.toMillis(), TimeUnit.MILLISECONDS);
                if (running) {
                    startDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: the next sweep tries again
                log.warn("Starting the processes of filed requests failed: {}", e.toString());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread starter = new Thread(this::loop, "process-starter");
        starter.setDaemon(true);
        thread = starter;
        starter.start();
        wake(); // what a node that stopped left behind
    }

    @Override
    public void stop() {
        running = false;
        wake();
        Thread starter = thread;
        if (starter != null) {
            try {
                starter.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the engine and its job executor (which start in the default phase), before them when stopping. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
