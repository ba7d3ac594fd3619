package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.IntegrationTest;

/**
 * A job that runs longer than its lock (a sealed letter waiting for a slow time-stamp authority) keeps it: the node
 * running it renews the lock, so another node's acquisition, on the same database through the engine's own
 * {@link AcquireJobsCmd}, does not take it and run it a second time, however long it runs. Without renewal the other
 * node takes it as soon as the lock it was given when acquired expires.
 */
class JobLockRenewalTest extends IntegrationTest {

    private static final String PROCESS = "jobLockRenewalTest";

    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private ManagementService managementService;

    private Deployment deployment;

    @AfterEach
    void undeploy() {
        LongJob.release.countDown();
        if (deployment != null) {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void aLongJobKeepsItsLockWhileItRunsAndNoOtherNodeTakesIt() throws InterruptedException {
        deployment = repositoryService.createDeployment().name(PROCESS)
                .addModelInstance(PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("Task_Long").camundaAsyncBefore().camundaClass(LongJob.class.getName())
                        .endEvent().done())
                .deploy();
        LongJob.reset();
        String instance = runtimeService.startProcessInstanceByKey(PROCESS).getId();
        assertThat(LongJob.started.await(60, TimeUnit.SECONDS)).as("this node ran the job").isTrue();
        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        Timestamp firstExpiry = lockExpiry(job.getId());
        String owner = lockOwner(job.getId());
        assertThat(owner).isEqualTo(engineConfiguration().getJobExecutor().getLockOwner());

        // the job runs on past the lock it was given when this node took it
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> System.currentTimeMillis() > firstExpiry.getTime() + 2_000);
        assertThat(lockExpiry(job.getId())).as("renewed while running").isAfter(new Timestamp(System.currentTimeMillis()));

        assertThat(LongJob.runs.get()).as("runs of the job so far (an expired lock: this node took it again)")
                .isEqualTo(1);
        List<String> taken = acquireAsAnotherNode();
        assertThat(taken).as("another node's acquisition").doesNotContain(job.getId());
        assertThat(lockOwner(job.getId())).isEqualTo(owner);

        LongJob.release.countDown();
        Awaitility.await().atMost(PATIENCE).until(() ->
                runtimeService.createProcessInstanceQuery().processInstanceId(instance).count() == 0);
        assertThat(LongJob.runs.get()).as("runs of the job").isEqualTo(1);
        // and its lock is no longer renewed once its thread is done with it
        RenewingJobExecutor executor = (RenewingJobExecutor) engineConfiguration().getJobExecutor();
        Awaitility.await().atMost(PATIENCE).until(() -> !executor.heldJobs().contains(job.getId()));
    }

    /** What another node's job executor does: takes the due jobs whose lock is free or expired. */
    private List<String> acquireAsAnotherNode() {
        JobExecutor anotherNode = new JobExecutor() {
            @Override
            protected void startExecutingJobs() {
            }

            @Override
            protected void stopExecutingJobs() {
            }

            @Override
            public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
            }
        };
        anotherNode.setLockOwner("another-node");
        anotherNode.setLockTimeInMillis(60_000);
        anotherNode.setMaxJobsPerAcquisition(100);
        AcquiredJobs acquired = engineConfiguration().getCommandExecutorTxRequired()
                .execute(new AcquireJobsCmd(anotherNode));
        // other tests' jobs it may have taken go back to this node's executor at once
        jdbc.sql("update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = 'another-node'")
                .update();
        return acquired.getJobIdBatches().stream().flatMap(List::stream).toList();
    }

    private Timestamp lockExpiry(String jobId) {
        return jdbc.sql("select LOCK_EXP_TIME_ from ACT_RU_JOB where ID_ = :id").param("id", jobId)
                .query(Timestamp.class).single();
    }

    private String lockOwner(String jobId) {
        return jdbc.sql("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = :id").param("id", jobId)
                .query(String.class).single();
    }

    private ProcessEngineConfigurationImpl engineConfiguration() {
        return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    /** Runs until the test releases it. */
    public static class LongJob implements JavaDelegate {

        static volatile CountDownLatch started = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);
        static final AtomicInteger runs = new AtomicInteger();

        static void reset() {
            started = new CountDownLatch(1);
            release = new CountDownLatch(1);
            runs.set(0);
        }

        @Override
        public void execute(DelegateExecution execution) throws InterruptedException {
            runs.incrementAndGet();
            started.countDown();
            release.await(5, TimeUnit.MINUTES);
        }
    }
}
