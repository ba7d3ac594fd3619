package fi.kivaq.dsr.shared;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The engine's job executor, which keeps the locks of the jobs this node holds and gives back the ones it does not.
 * <p>
 * A job is locked to the node that took it for {@code camunda.bpm.job-execution.lock-time-in-millis}; another node
 * takes it once the lock expires. A short lock lets the others take over a dead node's jobs quickly, but a job that
 * runs longer than its lock (a sealed letter waiting for a slow time-stamp authority) would then be taken and run a
 * second time while it is still running. So this node <em>renews</em> the lock of every job it holds (taken and queued
 * or running, including the exclusive jobs the engine adds to a running thread) every
 * {@code dsr.jobs.lock-renewal-interval}, while it lives; a node that died renews nothing and its jobs are free within
 * one lock time.
 * <p>
 * And it <em>gives back</em> its stale locks: a job whose failure could not be written (the database was away when
 * it failed) stays locked to this node although none of its threads holds it any more; it is unlocked at the next
 * round after the database answers again, instead of waiting for its lock to expire.
 * <p>
 * Both are plain updates of {@code ACT_RU_JOB}'s lock columns that leave the row's revision alone: the engine's own
 * update or delete when the job ends checks the revision, which must still be the one it read. (Camunda 7 has no API
 * to extend a job's lock; {@code extendLock} exists for external tasks only.)
 */
class RenewingJobExecutor extends SpringJobExecutor {

    private static final Logger log = LoggerFactory.getLogger(RenewingJobExecutor.class);

    /**
     * The jobs this node holds (taken by its acquisition and not finished, in a queue or running), each with the
     * {@link System#nanoTime()} it was taken at.
     */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final Duration renewalInterval;
    private ScheduledExecutorService renewals;
    private volatile boolean lastRoundFailed;
    private final ForegroundFirst foreground;

    RenewingJobExecutor(Duration renewalInterval, ForegroundFirst foreground) {
        this.renewalInterval = renewalInterval;
        this.foreground = foreground;
        setRejectedJobsHandler((jobIds, engine, executor) -> {
            // a full queue: the jobs stay locked to this node but no thread will run them; give them back early
            jobIds.forEach(held::remove);
            new NotifyAcquisitionRejectedJobsHandler().jobsRejected(jobIds, engine, executor);
        });
    }

    /** The jobs this node holds now (a copy). */
    Set<String> heldJobs() {
        return Set.copyOf(held.keySet());
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
        return new HeldJobs(jobIds, processEngine, held, foreground);
    }

    @Override
    public synchronized void start() {
        super.start();
        if (renewals == null) {
            renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "job-lock-renewal");
                thread.setDaemon(true);
                return thread;
            });
            long every = renewalInterval.toMillis();
            renewals.scheduleWithFixedDelay(this::renewRound, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void shutdown() {
        if (renewals != null) {
            renewals.shutdownNow();
            renewals = null;
        }
        super.shutdown();
    }

    /** One round: renews the held jobs' locks, then gives back this node's locks that nothing holds. */
    void renewRound() {
        for (ProcessEngineImpl engine : getProcessEngines()) {
            try {
                int[] counts = renewAndRelease(engine.getProcessEngineConfiguration());
                if (lastRoundFailed || counts[1] > 0) {
                    log.info("job locks: {} renewed, {} stale ones given back (lock owner {})", counts[0], counts[1],
                            getLockOwner());
                }
                lastRoundFailed = false;
                if (counts[1] > 0) {
                    jobWasAdded();
                }
            } catch (RuntimeException e) {
                if (!lastRoundFailed) {
                    log.warn("job locks could not be renewed ({}); trying again every {} s", e.getMessage(),
                            renewalInterval.toSeconds());
                }
                lastRoundFailed = true;
            }
        }
    }

    /*
     * One statement per job, each its own transaction: a statement that locked several rows could deadlock with a
     * job's transaction (which holds its own row and locks the same instance's next job) or another node's acquisition.
     */
    private int[] renewAndRelease(ProcessEngineConfigurationImpl configuration) {
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(configuration.getDataSource());
        long now = ClockUtil.getCurrentTime().getTime();
        Timestamp until = new Timestamp(now + getLockTimeInMillis());
        // A lock this node set or renewed two rounds ago or earlier: on a job none of its threads holds, stale. (A job
        // the acquisition has just taken and not yet handed to a thread has a fresh lock and is left alone.)
        Timestamp staleBefore = new Timestamp(now + getLockTimeInMillis() - 2 * renewalInterval.toMillis());
        Map<String, Long> snapshot = Map.copyOf(held);
        // a job taken less than a round ago still has most of its lock; the next round renews it if it still runs
        long takenBefore = System.nanoTime() - renewalInterval.toNanos();
        int renewed = 0;
        for (Map.Entry<String, Long> job : snapshot.entrySet()) {
            if (job.getValue() - takenBefore > 0) {
                continue;
            }
            String id = job.getKey();
            renewed += jdbc.update("update " + table + " set LOCK_EXP_TIME_ = :until"
                    + " where ID_ = :id and LOCK_OWNER_ = :owner", new MapSqlParameterSource("until", until)
                    .addValue("id", id).addValue("owner", getLockOwner()));
        }
        List<String> mine = jdbc.queryForList("select ID_ from " + table
                        + " where LOCK_OWNER_ = :owner and LOCK_EXP_TIME_ < :before",
                new MapSqlParameterSource("owner", getLockOwner()).addValue("before", staleBefore), String.class);
        int released = 0;
        for (String id : mine) {
            if (!snapshot.containsKey(id) && !held.containsKey(id)) {
                released += jdbc.update("update " + table + " set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null"
                        + " where ID_ = :id and LOCK_OWNER_ = :owner and LOCK_EXP_TIME_ < :before",
                        new MapSqlParameterSource("id", id).addValue("owner", getLockOwner())
                                .addValue("before", staleBefore));
            }
        }
        return new int[] {renewed, released};
    }

    /**
     * Runs the engine's jobs as usual and keeps {@code held} up to date around each; before each job it lets the
     * requests being answered go first ({@link ForegroundFirst}), its lock renewed meanwhile.
     */
    static final class HeldJobs extends ExecuteJobsRunnable {

        private final Map<String, Long> held;
        private final ForegroundFirst foreground;
        /** Every id this runnable put in {@code held}, to take them out whatever happens. */
        private final Set<String> mine = ConcurrentHashMap.newKeySet();

        HeldJobs(List<String> jobIds, ProcessEngineImpl processEngine, Map<String, Long> held,
                 ForegroundFirst foreground) {
            super(jobIds, processEngine);
            this.held = held;
            this.foreground = foreground;
            hold(jobIds);
        }

        private void hold(List<String> jobIds) {
            long now = System.nanoTime();
            for (String id : jobIds) {
                if (mine.add(id)) {
                    held.putIfAbsent(id, now);
                }
            }
        }

        @Override
        public void run() {
            try {
                super.run();
            } finally {
                mine.forEach(held::remove);
            }
        }

        @Override
        protected void executeJob(String jobId, CommandExecutor commandExecutor, JobFailureCollector failures) {
            try {
                foreground.yieldToRequests();
                super.executeJob(jobId, commandExecutor, failures);
            } finally {
                held.remove(jobId);
                // the engine locks the same instance's next exclusive jobs to this node and queues them in this thread
                JobExecutorContext context = Context.getJobExecutorContext();
                if (context != null) {
                    hold(List.copyOf(context.getCurrentProcessorJobQueue()));
                }
            }
        }

        @Override
        protected void unlockJob(String jobId, CommandExecutor commandExecutor) {
            try {
                super.unlockJob(jobId, commandExecutor);
            } finally {
                held.remove(jobId);
            }
        }
    }

    /**
     * Takes the place of the Camunda starter's job executor bean (which yields to any other), with the same settings
     * from {@code camunda.bpm.job-execution.*}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Setup {

        @Bean
        JobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor camundaTaskExecutor,
                                CamundaBpmProperties properties,
                                @Value("${dsr.jobs.lock-renewal-interval:PT5S}") Duration renewalInterval,
                                ForegroundFirst foreground) {
            JobExecutionProperty settings = properties.getJobExecution();
            RenewingJobExecutor executor = new RenewingJobExecutor(renewalInterval, foreground);
            executor.setTaskExecutor(camundaTaskExecutor);
            Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
            Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
            Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
            Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
            Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
            Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
            Optional.ofNullable(settings.getBackoffDecreaseThreshold())
                    .ifPresent(executor::setBackoffDecreaseThreshold);
            Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
            if (renewalInterval.multipliedBy(3).toMillis() > executor.getLockTimeInMillis()) {
                throw new IllegalStateException("dsr.jobs.lock-renewal-interval (" + renewalInterval
                        + ") must be at most a third of camunda.bpm.job-execution.lock-time-in-millis ("
                        + executor.getLockTimeInMillis() + ")");
            }
            return executor;
        }
    }
}
