package fi.kivaq.dsr.deadline;

import java.time.Clock;
import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DeadlineCalculator;

/** bpmn/daily-digest.bpmn: today's digest (the service skips non-working days). */
@Component
class SendDailyDigestDelegate implements JavaDelegate {

    private final DailyDigest digest;
    private final Clock clock;

    SendDailyDigestDelegate(DailyDigest digest, Clock clock) {
        this.digest = digest;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        digest.send(LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI)));
    }
}
