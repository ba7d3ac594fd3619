package fi.kivaq.dsr.deadline;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.DsrProperties;

/**
 * The managers' morning mail: what is overdue, what falls due within the reminder window, what has been extended.
 * Started once per cluster by bpmn/daily-digest.bpmn; nothing is sent on non-working days.
 */
@Service
public class DailyDigest {

    /** One line of the digest: reference, type, due date and working days left; no personal data. */
    public record Line(String reference, String type, String dueDate, long workingDaysLeft, boolean extended) {
    }

    private final RequestDeadlines deadlines;
    private final DeadlineCalculator calculator;
    private final DeadlineProperties settings;
    private final DeadlineNotifications notifications;
    private final MailOutbox outbox;
    private final DsrProperties properties;

    DailyDigest(RequestDeadlines deadlines, DeadlineCalculator calculator, DeadlineProperties settings,
                DeadlineNotifications notifications, MailOutbox outbox, DsrProperties properties) {
        this.deadlines = deadlines;
        this.calculator = calculator;
        this.settings = settings;
        this.notifications = notifications;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** @return the number of digests written to the outbox (0 on a non-working day) */
    @Transactional
    public int send(LocalDate today) {
        if (!calculator.isWorkingDay(today)) {
            return 0;
        }
        LocalDate windowEnd = atRiskUntil(calculator, today, settings.reminderWorkingDays());
        List<RequestDeadlines.Deadline> dueBy = deadlines.openDueBy(windowEnd);
        List<Line> overdue = dueBy.stream().filter(d -> d.dueDate().isBefore(today)).map(d -> line(d, today)).toList();
        List<Line> dueSoon = dueBy.stream().filter(d -> !d.dueDate().isBefore(today)).map(d -> line(d, today)).toList();
        List<Line> extended = deadlines.openExtended().stream().map(d -> line(d, today)).toList();
        Set<String> managers = notifications.groupAddresses(StaffGroups.MANAGERS);
        Map<String, Object> model = Map.of(
                "day", DeadlineNotifications.DATE.format(today),
                "overdue", overdue, "dueSoon", dueSoon, "extended", extended,
                "window", settings.reminderWorkingDays(),
                "dashboardUrl", properties.publicUrl("/staff/dashboard"));
        for (String manager : managers) {
            outbox.enqueue(OutgoingMail.toStaff(null, manager, "deadline-digest", model));
        }
        return managers.size();
    }

    /**
     * The last due date that is still "at risk" on {@code today}: the day on which
     * {@code workingDaysBetween(today, due)} reaches {@code workingDays}. At least {@code today}.
     */
    static LocalDate atRiskUntil(DeadlineCalculator calculator, LocalDate today, int workingDays) {
        LocalDate day = today;
        int counted = calculator.isWorkingDay(day) ? 1 : 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (calculator.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    private Line line(RequestDeadlines.Deadline d, LocalDate today) {
        return new Line(d.reference(), d.type().name(), DeadlineNotifications.DATE.format(d.dueDate()),
                calculator.workingDaysBetween(today, d.dueDate()), d.isExtended());
    }
}
