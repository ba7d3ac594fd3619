package fi.kivaq.dsr.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import fi.kivaq.dsr.shared.DeadlineCalculator;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * Base of the process tests of the fast layer: one BPMN at a time on a real Camunda engine in memory (its own H2
 * database, no Spring, job executor off), so each test drives the process itself with {@code execute(job())} and
 * moves time with {@link ClockUtil}. Delegates and timer beans are registered by name with {@link Mocks}: the real
 * delegate classes around mocked use cases, so the test also checks that the BPMN and the Java agree on names.
 *
 * <p>Runs in the surefire execution {@code fast}, a JVM of its own: {@link ClockUtil} is global, and the end-to-end
 * suite's engines must never see a clock moved by these tests.
 */
@Tag("fast")
public abstract class ProcessTest {

    private static ProcessEngine engine;

    /** The BPMN (and form) resources this test deploys, as classpath paths, e.g. {@code bpmn/unsubscribe.bpmn}. */
    protected abstract String[] resources();

    /** Registers the delegates and timer beans, with {@link Mocks#register}; called before the deployment. */
    protected abstract void registerBeans();

    @BeforeEach
    void deploy() {
        init(engine());
        ClockUtil.setCurrentTime(START);
        registerBeans();
        DeploymentBuilder deployment = engine().getRepositoryService().createDeployment()
                .name(getClass().getSimpleName());
        for (String resource : resources()) {
            deployment.addClasspathResource(resource);
        }
        deployment.deploy();
    }

    @AfterEach
    void undeploy() {
        try {
            // every deployment, also those a test made itself
            engine().getRepositoryService().createDeploymentQuery().list().forEach(deployment ->
                    engine().getRepositoryService().deleteDeployment(deployment.getId(), true, true));
        } finally {
            Mocks.reset();
            ClockUtil.reset();
        }
    }

    /** The Finnish calendar, loaded once: the timer beans count working days with it. */
    protected static final DeadlineCalculator CALENDAR = new DeadlineCalculator();

    /** Where every test starts: Monday 2 March 2026, 10:00 in Helsinki (a working day, no holiday near). */
    protected static final Date START = at(LocalDateTime.of(2026, 3, 2, 10, 0));

    protected static Date at(LocalDateTime helsinkiTime) {
        return Date.from(helsinkiTime.atZone(DeadlineCalculator.HELSINKI).toInstant());
    }

    /** Moves the engine's clock, as time passing would. */
    protected static void moveClockTo(Date time) {
        ClockUtil.setCurrentTime(time);
    }

    /** A {@link Clock} that follows the engine's {@link ClockUtil}, for beans that take "now" from Spring's clock. */
    protected static Clock engineClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return DeadlineCalculator.HELSINKI;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return ClockUtil.getCurrentTime().toInstant();
            }
        };
    }

    protected static synchronized ProcessEngine engine() {
        if (engine == null) {
            StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
            configuration.setProcessEngineName("fast-process-tests");
            configuration.setJdbcUrl("jdbc:h2:mem:fast-process-tests;DB_CLOSE_DELAY=-1");
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
            configuration.setJobExecutorActivate(false);
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
            configuration.setExpressionManager(new MockExpressionManager());
            configuration.setMetricsEnabled(false);
            configuration.setDbMetricsReporterActivate(false);
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }
}
