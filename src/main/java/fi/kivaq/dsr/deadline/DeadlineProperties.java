package fi.kivaq.dsr.deadline;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the deadline watch reminds, escalates and marks a request overdue, and when the daily digest goes out.
 *
 * @param reminderWorkingDays   working days before the due date: reminder to the assignee or the staff group;
 *                              requests this close to their deadline are "at risk" on the dashboard
 * @param escalationWorkingDays working days before the due date: escalation to the managers
 * @param notifyAt              Europe/Helsinki time of day at which reminders and escalations go out
 * @param digestCron            Camunda (Quartz-style) cron of the managers' daily digest; skipped on non-working days
 * @param dashboardPageSize     open requests per dashboard page
 * @param watchDelay            how long a request is open before its deadline watch starts (most are answered
 *                              sooner and never need one); far shorter than the first reminder
 * @param watchSweep            how often each node starts the watches that are due (deadline.DeadlineWatchStarter)
 */
@ConfigurationProperties("dsr.deadlines")
public record DeadlineProperties(
        @DefaultValue("5") int reminderWorkingDays,
        @DefaultValue("2") int escalationWorkingDays,
        @DefaultValue("08:00") LocalTime notifyAt,
        @DefaultValue("0 0 7 * * ?") String digestCron,
        @DefaultValue("50") int dashboardPageSize,
        @DefaultValue("PT15M") Duration watchDelay,
        @DefaultValue("PT1M") Duration watchSweep) {

    public DeadlineProperties {
        if (reminderWorkingDays < 0 || escalationWorkingDays < 0) {
            throw new IllegalArgumentException("dsr.deadlines.*-working-days must not be negative");
        }
        if (dashboardPageSize < 1) {
            throw new IllegalArgumentException("dsr.deadlines.dashboard-page-size must be positive");
        }
        if (watchDelay.isNegative() || watchDelay.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("dsr.deadlines.watch-delay must be between PT0S and P1D");
        }
        if (watchSweep.isNegative() || watchSweep.isZero()) {
            throw new IllegalArgumentException("dsr.deadlines.watch-sweep must be positive");
        }
    }
}
