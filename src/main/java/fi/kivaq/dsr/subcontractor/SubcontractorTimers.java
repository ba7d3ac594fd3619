package fi.kivaq.dsr.subcontractor;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;

/**
 * Timer dates for the BPMN files, counted in KivaQ's working days: {@code ${subcontractorTimers.reminderDate()}}.
 * Evaluated when the timer starts, so "now" is when the notification went out.
 */
@Component("subcontractorTimers")
public class SubcontractorTimers {

    private static final LocalTime MORNING = LocalTime.of(9, 0);

    private final DeadlineCalculator calendar;
    private final SubcontractorProperties properties;
    private final RequestRepository requests;
    private final Clock clock;

    SubcontractorTimers(DeadlineCalculator calendar, SubcontractorProperties properties, RequestRepository requests,
                        Clock clock) {
        this.calendar = calendar;
        this.properties = properties;
        this.requests = requests;
        this.clock = clock;
    }

    public Date reminderDate() {
        return morningOf(plusWorkingDays(today(), properties.reminderAfterWorkingDays()));
    }

    public Date escalationDate() {
        return morningOf(plusWorkingDays(today(), properties.escalationAfterWorkingDays()));
    }

    /**
     * When the requester's letter stops waiting for confirmations: after the configured working days, but never later
     * than the working day before the request's due date.
     */
    public Date answerDate(Long requestId) {
        LocalDate wait = plusWorkingDays(today(), properties.answerWaitsWorkingDays());
        LocalDate due = requests.get(requestId).dueDate();
        LocalDate latest = due == null ? wait : calendar.minusWorkingDays(due, 1);
        LocalDate date = latest.isBefore(wait) ? latest : wait;
        return morningOf(date.isBefore(today()) ? today() : date);
    }

    LocalDate plusWorkingDays(LocalDate from, int days) {
        LocalDate date = from;
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (calendar.isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
    }

    private static Date morningOf(LocalDate date) {
        return Date.from(date.atTime(MORNING).atZone(DeadlineCalculator.HELSINKI).toInstant());
    }
}
