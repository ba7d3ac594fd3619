package fi.kivaq.dsr.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fi.kivaq.dsr.shared.DeadlineCalculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Expected dates were worked out by hand from the calendar (weekdays checked with java.time, holidays from the
 * Finnish holiday list), not taken from the implementation's output.
 */
class DeadlineCalculatorTest {

    private static final DeadlineCalculator calculator = new DeadlineCalculator();

    @ParameterizedTest(name = "received {0} -> due {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # receivedAt (UTC)     | due date
            # Domain example: received Sun 31 Jan 2027; 28 Feb 2027 (no 31 Feb, non-leap) is a Sunday -> Mon 1 Mar
            2027-01-31T10:00:00Z   | 2027-03-01
            # Domain example: 19 Jun 2026 is Midsummer Eve (Fri), then Midsummer Day (Sat) and Sunday -> Mon 22 Jun
            2026-05-19T09:00:00Z   | 2026-06-22
            # Plain case: 15 Oct 2026 is an ordinary Thursday
            2026-09-15T09:00:00Z   | 2026-10-15
            # Leap year: received 29 Feb 2028 -> same-numbered day 29 Mar 2028, a Wednesday
            2028-02-29T09:00:00Z   | 2028-03-29
            # Leap year month-end clamp: 31 Jan 2028 -> last day of February = 29 Feb 2028, a Tuesday
            2028-01-31T09:00:00Z   | 2028-02-29
            # Non-leap month-end clamp: 30 Jan 2029 -> 28 Feb 2029, a Wednesday
            2029-01-30T09:00:00Z   | 2029-02-28
            # Clamp 31 -> 30: 31 Mar 2030 -> 30 Apr 2030 (Tue; Vappu Eve is a working day)
            2030-03-31T09:00:00Z   | 2030-04-30
            # Easter: 26 Mar 2027 is Good Friday, Sat, Easter Sunday, Easter Monday 29 Mar -> Tue 30 Mar
            2027-02-26T09:00:00Z   | 2027-03-30
            # Easter Monday landing: 17 Apr 2028 is Easter Monday -> Tue 18 Apr
            2028-03-17T09:00:00Z   | 2028-04-18
            # Good Friday 19 Apr 2030 -> weekend -> Easter Monday 22 Apr -> Tue 23 Apr
            2030-03-19T09:00:00Z   | 2030-04-23
            # Ascension Day: Thu 14 May 2026 -> Fri 15 May
            2026-04-14T09:00:00Z   | 2026-05-15
            # Ascension Day: Thu 30 May 2030 -> Fri 31 May
            2030-04-30T09:00:00Z   | 2030-05-31
            # May Day: Tue 1 May 2029 -> Wed 2 May
            2029-04-01T09:00:00Z   | 2029-05-02
            # Midsummer Eve: Fri 25 Jun 2027 -> Midsummer weekend -> Mon 28 Jun
            2027-05-25T09:00:00Z   | 2027-06-28
            # Midsummer Day: Sat 24 Jun 2028 -> Sun -> Mon 26 Jun
            2028-05-24T09:00:00Z   | 2028-06-26
            # All Saints' Day: Sat 6 Nov 2027 -> Sun -> Mon 8 Nov
            2027-10-06T09:00:00Z   | 2027-11-08
            # Independence Day: Mon 6 Dec 2027 -> Tue 7 Dec
            2027-11-06T09:00:00Z   | 2027-12-07
            # Independence Day: Thu 6 Dec 2029 -> Fri 7 Dec
            2029-11-06T09:00:00Z   | 2029-12-07
            # Christmas chain: Christmas Eve Thu 24 Dec 2026, Christmas Day Fri, Boxing Day Sat, Sun -> Mon 28 Dec
            2026-11-24T09:00:00Z   | 2026-12-28
            # Christmas chain: Christmas Eve Fri 24 Dec 2027, Christmas Day Sat, Boxing Day Sun -> Mon 27 Dec
            2027-11-24T09:00:00Z   | 2027-12-27
            # Christmas chain mid-week: Christmas Eve Mon 24 Dec 2029, Tue, Wed -> Thu 27 Dec
            2029-11-24T09:00:00Z   | 2029-12-27
            # Year end + New Year: received 1 Dec 2028 -> New Year's Day Mon 1 Jan 2029 -> Tue 2 Jan
            2028-12-01T09:00:00Z   | 2029-01-02
            # Year end + New Year on a Saturday: 1 Jan 2028 (Sat), Sun -> Mon 3 Jan
            2027-12-01T09:00:00Z   | 2028-01-03
            # Epiphany: received on Independence Day Sun 6 Dec 2026 (holidays count for receipt) -> Wed 6 Jan 2027
            # is Epiphany -> Thu 7 Jan
            2026-12-06T09:00:00Z   | 2027-01-07
            # Time zone, summer time (UTC+3): 21:30Z on 31 Mar is 00:30 on 1 Apr in Helsinki -> 1 May 2026 (Fri,
            # May Day) -> weekend -> Mon 4 May
            2026-03-31T21:30:00Z   | 2026-05-04
            # Time zone, summer time: 20:59:59Z is still 23:59:59 on 31 Mar in Helsinki -> 30 Apr 2026 (Thu)
            2026-03-31T20:59:59Z   | 2026-04-30
            # Time zone, summer time: exactly midnight in Helsinki belongs to the new day
            2026-03-31T21:00:00Z   | 2026-05-04
            # Time zone, winter time (UTC+2): 22:00Z on 30 Nov is 00:00 on 1 Dec -> 1 Jan 2027 (Fri, New Year)
            # -> weekend -> Mon 4 Jan
            2026-11-30T22:00:00Z   | 2027-01-04
            # Time zone, winter time: 21:59:59Z is still 30 Nov in Helsinki -> Wed 30 Dec 2026
            2026-11-30T21:59:59Z   | 2026-12-30
            """)
    void dueDateIsOneMonthAfterReceiptMovedToAWorkingDay(Instant receivedAt, LocalDate expectedDueDate) {
        assertThat(calculator.dueDate(receivedAt)).isEqualTo(expectedDueDate);
    }

    @ParameterizedTest(name = "received {0} -> extended due {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # receivedAt (UTC)     | extended due date
            # +3 months with clamp, non-leap: 30 Nov 2026 -> 28 Feb 2027 (Sun) -> Mon 1 Mar
            2026-11-30T09:00:00Z   | 2027-03-01
            # +3 months with clamp, leap: 30 Nov 2027 -> 29 Feb 2028, a Tuesday
            2027-11-30T09:00:00Z   | 2028-02-29
            # +3 months onto Midsummer Eve: 19 Jun 2026 -> Mon 22 Jun
            2026-03-19T09:00:00Z   | 2026-06-22
            # +3 months onto Christmas Eve (Mon 24 Dec 2029), Christmas Day, Boxing Day -> Thu 27 Dec
            2029-09-24T09:00:00Z   | 2029-12-27
            # +3 months across the year end onto Epiphany: 6 Jan 2027 (Wed) -> Thu 7 Jan
            2026-10-06T09:00:00Z   | 2027-01-07
            # +3 months, time zone: 31 Oct 2026 22:30Z is already 1 Nov (UTC+2) -> 1 Feb 2027, a Monday
            2026-10-31T22:30:00Z   | 2027-02-01
            # +3 months, time zone: 31 Oct 2026 21:59:59Z is still 31 Oct -> 31 Jan 2027 (Sun) -> Mon 1 Feb
            2026-10-31T21:59:59Z   | 2027-02-01
            # +3 months, DST matters: 31 Mar 2026 21:30Z is 1 Apr -> 1 Jul 2026, a Wednesday
            2026-03-31T21:30:00Z   | 2026-07-01
            # +3 months: 31 Mar 2026 20:59:59Z is 31 Mar -> 30 Jun 2026 (clamp), a Tuesday
            2026-03-31T20:59:59Z   | 2026-06-30
            """)
    void extendedDueDateIsThreeMonthsAfterReceiptMovedToAWorkingDay(Instant receivedAt, LocalDate expected) {
        assertThat(calculator.extendedDueDate(receivedAt)).isEqualTo(expected);
    }

    @Test
    void receiptDateIsTheHelsinkiCalendarDate() {
        assertThat(calculator.receiptDate(Instant.parse("2026-03-31T21:30:00Z"))).isEqualTo("2026-04-01");
        assertThat(calculator.receiptDate(Instant.parse("2026-03-31T20:59:59Z"))).isEqualTo("2026-03-31");
        assertThat(calculator.receiptDate(Instant.parse("2026-12-31T22:00:00Z"))).isEqualTo("2027-01-01");
    }

    @ParameterizedTest(name = "{0} working day: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # Ordinary Thursday before Midsummer
            2026-06-18 | true
            # Midsummer Eve (Juhannusaatto), added by KivaQ regardless of the library
            2026-06-19 | false
            # Midsummer Day, a Saturday
            2026-06-20 | false
            # Christmas Eve (Jouluaatto) on a Thursday
            2026-12-24 | false
            # Christmas Day, Boxing Day
            2026-12-25 | false
            2028-12-26 | false
            # Between Christmas and New Year is working time
            2026-12-29 | true
            # Good Friday, Easter Monday, Ascension Day, May Day
            2026-04-03 | false
            2026-04-06 | false
            2026-05-14 | false
            2026-05-01 | false
            # Vappu Eve is a working day
            2026-04-30 | true
            # Whit Monday is not a holiday in Finland
            2026-05-25 | true
            # Åland's autonomy day is not a holiday in mainland Finland (KivaQ is in Taalintehdas)
            2026-06-09 | true
            # New Year, Epiphany, Independence Day on weekdays
            2027-01-01 | false
            2027-01-06 | false
            2027-12-06 | false
            # Weekend
            2026-11-28 | false
            2026-11-29 | false
            2026-11-30 | true
            """)
    void isWorkingDay(LocalDate date, boolean expected) {
        assertThat(calculator.isWorkingDay(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} working days before {0} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # n = 0 returns the date itself
            2026-06-22 | 0 | 2026-06-22
            # Skips Sunday, Midsummer Day and Midsummer Eve
            2026-06-22 | 1 | 2026-06-18
            2026-06-22 | 2 | 2026-06-17
            # Skips Sunday, Boxing Day, Christmas Day and Christmas Eve
            2026-12-28 | 1 | 2026-12-23
            2026-12-28 | 3 | 2026-12-21
            # Skips Easter Monday, Easter, Saturday and Good Friday
            2027-03-30 | 1 | 2027-03-25
            # Start on a non-working day: one working day before Sunday 29 Nov 2026 is Friday 27 Nov
            2026-11-29 | 1 | 2026-11-27
            # Across the year end, skipping Epiphany, the weekend and New Year's Day
            2027-01-07 | 5 | 2026-12-29
            """)
    void minusWorkingDays(LocalDate date, int n, LocalDate expected) {
        assertThat(calculator.minusWorkingDays(date, n)).isEqualTo(expected);
    }

    @Test
    void minusWorkingDaysRejectsNegativeCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> calculator.minusWorkingDays(LocalDate.of(2026, 6, 22), -1));
    }

    @ParameterizedTest(name = "working days {0}..{1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Both ends inclusive: Mon 15 - Thu 18 Jun (4), Midsummer Eve and weekend off, Mon 22 Jun (1)
            2026-06-15 | 2026-06-22 | 5
            # On the due date itself there is still one working day left
            2026-06-22 | 2026-06-22 | 1
            # A single non-working day counts nothing
            2026-06-19 | 2026-06-19 | 0
            # From after to: nothing left (overdue is detected by comparing dates)
            2026-06-23 | 2026-06-22 | 0
            # weeks after the due date: still 0, not an exception
            2026-07-06 | 2026-06-22 | 0
            # April 2026: 22 weekdays minus Good Friday (3 Apr) and Easter Monday (6 Apr)
            2026-04-01 | 2026-04-30 | 20
            # Christmas to Epiphany: 21-23 Dec (3), 28-31 Dec (4), 4-5 Jan (2), 7-8 Jan (2)
            2026-12-21 | 2027-01-08 | 11
            """)
    void workingDaysBetween(LocalDate from, LocalDate toInclusive, long expected) {
        assertThat(calculator.workingDaysBetween(from, toInclusive)).isEqualTo(expected);
    }

    @Test
    void theEvesAreNonWorkingDaysInEveryYear() {
        // Midsummer Eve is the Friday between 19 and 25 June; Christmas Eve is 24 December.
        assertThat(List.of(LocalDate.of(2026, 6, 19), LocalDate.of(2027, 6, 25), LocalDate.of(2028, 6, 23),
                LocalDate.of(2029, 6, 22), LocalDate.of(2030, 6, 21), LocalDate.of(2029, 12, 24),
                LocalDate.of(2030, 12, 24), LocalDate.of(2045, 6, 23), LocalDate.of(2045, 12, 24)))
                .noneMatch(calculator::isWorkingDay);
        // The days just before them are working days.
        assertThat(List.of(LocalDate.of(2027, 6, 24), LocalDate.of(2030, 6, 20), LocalDate.of(2030, 12, 23)))
                .allMatch(calculator::isWorkingDay);
    }

    @Test
    void aSharedInstanceGivesTheSameAnswersFromManyThreads() throws Exception {
        DeadlineCalculator fresh = new DeadlineCalculator();
        List<Callable<LocalDate>> calls = new ArrayList<>();
        for (int year = 2026; year <= 2060; year++) {
            Instant receivedAt = Instant.parse(year + "-11-24T09:00:00Z");
            calls.add(() -> fresh.dueDate(receivedAt));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LocalDate>> results = pool.invokeAll(calls);
            for (int i = 0; i < results.size(); i++) {
                Instant receivedAt = Instant.parse((2026 + i) + "-11-24T09:00:00Z");
                assertThat(results.get(i).get()).isEqualTo(calculator.dueDate(receivedAt));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
