package fi.kivaq.dsr.retention;

import java.time.Clock;
import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DeadlineCalculator;

/** bpmn/retention.bpmn: today's retention run (Helsinki day). */
@Component
class RunRetentionDelegate implements JavaDelegate {

    private final RetentionRun run;
    private final Clock clock;

    RunRetentionDelegate(RetentionRun run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        run.run(LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI)));
    }
}
