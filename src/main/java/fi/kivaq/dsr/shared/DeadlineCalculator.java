package fi.kivaq.dsr.shared;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Response deadlines of GDPR Art. 12(3), counted as Regulation 1182/71 and the Finnish Act 150/1930 count
 * a period of months.
 *
 * <p>The receipt date is the Europe/Helsinki calendar date on which the request arrived, whatever day of the
 * week it is. The period ends on the same-numbered day one (extended: three) months later, or on the last day
 * of that month when it has no such day. A period that would end on a non-working day ends on the next working
 * day instead. Non-working days are Saturdays, Sundays, Finnish public holidays (from Jollyday's national
 * calendar, without Åland's own holiday) and, because KivaQ is closed on them, Midsummer Eve and Christmas Eve.
 *
 * <p>Thread-safe: the holiday calendar is loaded once in the constructor and each year's non-working holidays
 * are computed once and then cached.
 */
@Component
public class DeadlineCalculator {

    /** KivaQ is in Taalintehdas, mainland Finland: receipt dates are Helsinki dates. */
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final int MONTHS_TO_ANSWER = 1;
    private static final int MONTHS_TO_ANSWER_WHEN_EXTENDED = 3;

    private final HolidayManager finnishHolidays;
    private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    public DeadlineCalculator() {
        this.finnishHolidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FINLAND));
        // Fail at start-up, not on the first request, if the holiday data cannot be read.
        holidaysOf(Year.now(HELSINKI).getValue());
    }

    /** The Europe/Helsinki calendar date of {@code receivedAt}: the day the one-month period is counted from. */
    public LocalDate receiptDate(Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        return LocalDate.ofInstant(receivedAt, HELSINKI);
    }

    /** The last day to answer a request received at {@code receivedAt}: receipt date + 1 month, see class docs. */
    public LocalDate dueDate(Instant receivedAt) {
        return endOfPeriod(receiptDate(receivedAt), MONTHS_TO_ANSWER);
    }

    /**
     * The last day to answer when the deadline has been extended by two further months (Art. 12(3)):
     * receipt date + 3 months, see class docs. Whether an extension is allowed is not decided here.
     */
    public LocalDate extendedDueDate(Instant receivedAt) {
        return endOfPeriod(receiptDate(receivedAt), MONTHS_TO_ANSWER_WHEN_EXTENDED);
    }

    /**
     * Whether KivaQ works on {@code date}: not a Saturday or Sunday, not a Finnish public holiday, not Midsummer
     * Eve and not Christmas Eve.
     */
    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOfWeek dayOfWeek = date.getDayOfWeek();
        return dayOfWeek != DayOfWeek.SATURDAY
                && dayOfWeek != DayOfWeek.SUNDAY
                && !holidaysOf(date.getYear()).contains(date);
    }

    /** {@code date} itself when it is a working day, otherwise the first working day after it. */
    public LocalDate nextWorkingDayFrom(LocalDate date) {
        Objects.requireNonNull(date, "date");
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * The working day that lies {@code n} working days before {@code date}, e.g. for a reminder timer
     * "3 working days before the due date". Only the days strictly before {@code date} are counted, so
     * {@code date} need not be a working day itself: one working day before Monday 22 June 2026 is Thursday
     * 18 June 2026 (Friday 19 June is Midsummer Eve). {@code n == 0} returns {@code date} unchanged.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public LocalDate minusWorkingDays(LocalDate date, int n) {
        Objects.requireNonNull(date, "date");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate day = date;
        int remaining = n;
        while (remaining > 0) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                remaining--;
            }
        }
        return day;
    }

    /**
     * The number of working days from {@code fromInclusive} to {@code toInclusive}, both ends counted, e.g. the
     * "working days left" of a request on the dashboard is {@code workingDaysBetween(today, dueDate)}: on a
     * working due date itself that is 1 (today is still left). Returns 0 when {@code fromInclusive} is after
     * {@code toInclusive}; an overdue request is recognised by comparing the dates, not by this count.
     */
    public long workingDaysBetween(LocalDate fromInclusive, LocalDate toInclusive) {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        if (fromInclusive.isAfter(toInclusive)) {
            return 0; // as documented; LocalDate.datesUntil would throw
        }
        return fromInclusive.datesUntil(toInclusive.plusDays(1)).filter(this::isWorkingDay).count();
    }

    private LocalDate endOfPeriod(LocalDate receiptDate, int months) {
        // LocalDate.plusMonths already clamps to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb).
        return nextWorkingDayFrom(receiptDate.plusMonths(months));
    }

    private Set<LocalDate> holidaysOf(int year) {
        return holidaysByYear.computeIfAbsent(year, this::loadHolidays);
    }

    private Set<LocalDate> loadHolidays(int year) {
        Set<LocalDate> dates = new HashSet<>();
        // Jollyday's calendar can be shared between callers; read it one year at a time.
        synchronized (finnishHolidays) {
            for (Holiday holiday : finnishHolidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)) {
                dates.add(holiday.getDate());
            }
        }
        // Jollyday 2.19 lists both eves as public holidays, but legally they are not; KivaQ is closed on them
        // whatever the library's classification, so they are added here unconditionally.
        dates.add(midsummerEve(year));
        dates.add(LocalDate.of(year, Month.DECEMBER, 24));
        return Set.copyOf(dates);
    }

    /** Juhannusaatto: the Friday between 19 and 25 June. */
    private static LocalDate midsummerEve(int year) {
        return LocalDate.of(year, Month.JUNE, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
    }
}
