package fi.kivaq.dsr.retention;

import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.shared.RetentionPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounting Act 1336/1997, 2:10: 6 years from the end of the calendar year in which the financial year ended. */
@Tag("fast")
class RetentionPolicyTest {

    private static RetentionPolicy withYearEnd(String end) {
        RetentionPolicy d = RetentionPolicy.defaults();
        return new RetentionPolicy(end, 6, d.inactiveContacts(), d.keepAtReviewDefault(), d.closedRequests(),
                d.letters(), d.evidence(), d.outbox(), d.auditEntries(), d.accessExtracts(), d.verificationLinks(),
                d.runCron());
    }

    @Test
    void aCalendarFinancialYearKeepsAnInvoiceSixFullYearsAfterItsYearEnds() {
        RetentionPolicy policy = withYearEnd("12-31");
        assertThat(policy.purgeOnForInvoice(LocalDate.of(2025, 3, 14))).isEqualTo(LocalDate.of(2032, 1, 1));
        assertThat(policy.purgeOnForInvoice(LocalDate.of(2025, 12, 31))).isEqualTo(LocalDate.of(2032, 1, 1));
        assertThat(policy.purgeOnForInvoice(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2033, 1, 1));
    }

    @Test
    void aBrokenFinancialYearCountsFromTheCalendarYearInWhichItEnded() {
        RetentionPolicy policy = withYearEnd("06-30");
        // financial year 7/2024–6/2025 ended in 2025: kept to the end of 2031
        assertThat(policy.purgeOnForInvoice(LocalDate.of(2025, 6, 30))).isEqualTo(LocalDate.of(2032, 1, 1));
        // financial year 7/2025–6/2026 ended in 2026: kept to the end of 2032
        assertThat(policy.purgeOnForInvoice(LocalDate.of(2025, 7, 1))).isEqualTo(LocalDate.of(2033, 1, 1));
    }

    @Test
    void badConfigurationIsRefusedAtStart() {
        assertThatThrownBy(() -> withYearEnd("31.12.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withYearEnd("02-29")).isInstanceOf(IllegalArgumentException.class);
        RetentionPolicy d = RetentionPolicy.defaults();
        assertThatThrownBy(() -> new RetentionPolicy("12-31", 5, d.inactiveContacts(), d.keepAtReviewDefault(),
                d.closedRequests(), d.letters(), d.evidence(), d.outbox(), d.auditEntries(), d.accessExtracts(),
                d.verificationLinks(), d.runCron())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy("12-31", 6, Period.ZERO, d.keepAtReviewDefault(),
                d.closedRequests(), d.letters(), d.evidence(), d.outbox(), d.auditEntries(), d.accessExtracts(),
                d.verificationLinks(), d.runCron())).isInstanceOf(IllegalArgumentException.class);
    }
}
