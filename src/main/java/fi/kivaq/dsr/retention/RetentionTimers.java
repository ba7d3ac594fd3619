package fi.kivaq.dsr.retention;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.RetentionPolicy;

/** The daily run's cron for bpmn/retention.bpmn: {@code ${retentionTimers.runCron}}. */
@Component("retentionTimers")
public class RetentionTimers {

    private final RetentionPolicy policy;

    RetentionTimers(RetentionPolicy policy) {
        this.policy = policy;
    }

    public String getRunCron() {
        return policy.runCron();
    }
}
