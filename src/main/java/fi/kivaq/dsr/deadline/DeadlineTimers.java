package fi.kivaq.dsr.deadline;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DeadlineCalculator;

/**
 * Timer dates for bpmn/deadline-watch.bpmn and the digest's cron for bpmn/daily-digest.bpmn, computed from
 * configuration and the request's deadline in force, e.g. {@code ${deadlineTimers.reminderAt(requestId)}}. The
 * watch re-evaluates them when the deadline is extended.
 */
@Component("deadlineTimers")
public class DeadlineTimers {

    private final RequestDeadlines deadlines;
    private final DeadlineCalculator calculator;
    private final DeadlineProperties properties;

    DeadlineTimers(RequestDeadlines deadlines, DeadlineCalculator calculator, DeadlineProperties properties) {
        this.deadlines = deadlines;
        this.calculator = calculator;
        this.properties = properties;
    }

    /** {@code dsr.deadlines.reminder-working-days} working days before the due date, at the notification time. */
    public Date reminderAt(Object requestId) {
        return reminderAt(dueDate(requestId));
    }

    /** {@code dsr.deadlines.escalation-working-days} working days before the due date, at the notification time. */
    public Date escalationAt(Object requestId) {
        return escalationAt(dueDate(requestId));
    }

    /** The end of the due date in Helsinki: the first instant at which the request is overdue. */
    public Date overdueAt(Object requestId) {
        return overdueAt(dueDate(requestId));
    }

    public String getDigestCron() {
        return properties.digestCron();
    }

    Date reminderAt(LocalDate dueDate) {
        return at(calculator.minusWorkingDays(dueDate, properties.reminderWorkingDays()));
    }

    Date escalationAt(LocalDate dueDate) {
        return at(calculator.minusWorkingDays(dueDate, properties.escalationWorkingDays()));
    }

    static Date overdueAt(LocalDate dueDate) {
        return Date.from(dueDate.plusDays(1).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
    }

    private Date at(LocalDate day) {
        return Date.from(ZonedDateTime.of(day, properties.notifyAt(), DeadlineCalculator.HELSINKI).toInstant());
    }

    private LocalDate dueDate(Object requestId) {
        long id = ((Number) requestId).longValue();
        return deadlines.find(id).map(RequestDeadlines.Deadline::dueDate)
                .orElseThrow(() -> new IllegalStateException("no request " + id));
    }
}
