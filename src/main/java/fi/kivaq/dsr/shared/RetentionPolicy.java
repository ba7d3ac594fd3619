package fi.kivaq.dsr.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZonedDateTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each category of personal data is kept ({@code dsr.retention.*}; Art. 5(1)(e)), read by every module that
 * owns such data and by the retention run. docs/retention.md gives each category's legal ground.
 *
 * @param financialYearEnd   last day of KivaQ's financial year, {@code MM-dd} (e.g. {@code 12-31} or {@code 06-30})
 * @param accountingYears    years the Accounting Act (1336/1997, 2:10) keeps vouchers, from the end of the calendar
 *                           year in which the financial year ended
 * @param inactiveContacts   a contact without activity (order, event, consent, request, staff edit) this long is due
 *                           for a retention review; a live newsletter consent counts as activity
 * @param keepAtReviewDefault the new review date a "keep" proposes, from the day of the decision
 * @param closedRequests     after closing, a request, its notes, rectification values and extension reasons are
 *                           reduced to reference, type, dates and outcome (accountability)
 * @param letters            after creation, a signed letter's content goes (its hash and date stay)
 * @param evidence           after upload, an evidence file and its signer go (hash, size and verdict stay)
 * @param outbox             after sending (or final failure), an outbox row is deleted
 * @param auditEntries       after the event, an audit entry is deleted
 * @param accessExtracts     after gathering, an access extract's content goes (the letter carries the copy)
 * @param verificationLinks  after expiry, a single-use link's row is deleted
 * @param runCron            Camunda (Quartz-style) cron of the daily retention run (bpmn/retention.bpmn)
 */
@ConfigurationProperties("dsr.retention")
public record RetentionPolicy(
        @DefaultValue("12-31") String financialYearEnd,
        @DefaultValue("6") int accountingYears,
        @DefaultValue("P3Y") Period inactiveContacts,
        @DefaultValue("P1Y") Period keepAtReviewDefault,
        @DefaultValue("P3Y") Period closedRequests,
        @DefaultValue("P3Y") Period letters,
        @DefaultValue("P3Y") Period evidence,
        @DefaultValue("P1Y") Period outbox,
        @DefaultValue("P3Y") Period auditEntries,
        @DefaultValue("P1Y") Period accessExtracts,
        @DefaultValue("P90D") Period verificationLinks,
        @DefaultValue("0 30 2 * * ?") String runCron) {

    public RetentionPolicy {
        MonthDay end = parse(financialYearEnd);
        if (end.equals(MonthDay.of(2, 29))) {
            throw new IllegalArgumentException("dsr.retention.financial-year-end must not be 02-29");
        }
        if (accountingYears < 6) {
            throw new IllegalArgumentException("dsr.retention.accounting-years: the Accounting Act asks at least 6");
        }
        for (Period period : new Period[] {inactiveContacts, keepAtReviewDefault, closedRequests, letters, evidence,
                outbox, auditEntries, accessExtracts, verificationLinks}) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("dsr.retention.* periods must be positive");
            }
        }
    }

    /** The defaults, as application.yml states them. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy("12-31", 6, Period.ofYears(3), Period.ofYears(1), Period.ofYears(3),
                Period.ofYears(3), Period.ofYears(3), Period.ofYears(1), Period.ofYears(3), Period.ofYears(1),
                Period.ofDays(90), "0 30 2 * * ?");
    }

    /**
     * The day an invoice link goes (Accounting Act 1336/1997, 2:10): the voucher is kept at least
     * {@link #accountingYears} years from the end of the calendar year in which the financial year that holds the
     * invoice ended; it goes on the first day after that.
     */
    public LocalDate purgeOnForInvoice(LocalDate invoiceDate) {
        MonthDay end = parse(financialYearEnd);
        LocalDate yearEnds = end.atYear(invoiceDate.getYear());
        if (yearEnds.isBefore(invoiceDate)) {
            yearEnds = end.atYear(invoiceDate.getYear() + 1);
        }
        return LocalDate.of(yearEnds.getYear() + accountingYears + 1, 1, 1);
    }

    /** The moment before which a record made {@code period} ago has outlived it, counted in Helsinki days. */
    public static Instant cutOff(LocalDate today, Period period) {
        ZonedDateTime start = today.minus(period).atStartOfDay(DeadlineCalculator.HELSINKI);
        return start.toInstant();
    }

    private static MonthDay parse(String monthDay) {
        try {
            return MonthDay.parse("--" + monthDay.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("dsr.retention.financial-year-end must be MM-dd, e.g. 12-31", e);
        }
    }
}
