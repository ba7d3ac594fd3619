package fi.kivaq.dsr.shared;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job that failed because the database went away (a connection that broke or could not be had: see
 * {@link DatabaseFailures}) did not fail on its own account: it is released and tried again after
 * {@link #RETRY_AFTER}, keeping all its retries, instead of waiting for the next step of its retry cycle and using
 * one retry up (a database blip of a few seconds would otherwise cost every job in flight a retry and a minute). Any
 * other failure goes to the engine's own retry handling (the {@code failedJobRetryTimeCycle} of the BPMN).
 * <p>
 * When the database is still away when the job fails, this handling cannot be written either; the job then stays
 * locked to this node until {@link RenewingJobExecutor} gives the stale lock back after the database's return, or
 * until the lock expires ({@code camunda.bpm.job-execution.lock-time-in-millis}, 20 s), and is run again.
 */
@Component
class TransientJobFailures extends AbstractProcessEnginePlugin {

    /** How soon a job that met a database outage is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TransientJobFailures.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(new Factory(new DefaultFailedJobCommandFactory()));
    }

    static final class Factory implements FailedJobCommandFactory {

        private final FailedJobCommandFactory engines;

        Factory(FailedJobCommandFactory engines) {
            this.engines = engines;
        }

        @Override
        public Command<Object> getCommand(String jobId, Throwable exception) {
            return DatabaseFailures.isConnectionFailure(exception)
                    ? new RetryKeepingRetries(jobId, exception)
                    : engines.getCommand(jobId, exception);
        }
    }

    /** Unlocks the job, records why it failed, and makes it due again shortly; its retries stay as they were. */
    static final class RetryKeepingRetries extends JobRetryCmd {

        RetryKeepingRetries(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job == null) {
                return null;
            }
            log.warn("job {} met a database outage ({}); tried again in {} s, its retries kept ({})", jobId,
                    exception.getMessage(), RETRY_AFTER.toSeconds(), job.getRetries());
            job.unlock();
            logException(job);
            job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + RETRY_AFTER.toMillis()));
            notifyAcquisition(commandContext);
            return null;
        }
    }
}
