package fi.kivaq.dsr.letter;

import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import fi.kivaq.dsr.shared.RetentionPolicy;

/**
 * The access letter's retention section (Art. 15(1)(d)): a fixed list of the policy's categories, each with its
 * configured period filled in ({@code dsr.retention.*}, docs/retention.md), in the letter's language. The same list
 * goes into {@code data.json}.
 */
final class RetentionSummary {

    /**
     * One category.
     *
     * @param category a stable code, e.g. {@code CONTACT}
     * @param period   the configured period (ISO-8601), or null where none applies (while a consent lives)
     * @param label    the category in the letter's language
     * @param text     how long it is kept, in the letter's language
     */
    record Entry(String category, String period, String label, String text) {
    }

    private RetentionSummary() {
    }

    static List<Entry> of(RetentionPolicy policy, LetterMessages texts) {
        List<Entry> entries = new ArrayList<>();
        add(entries, texts, "CONTACT", policy.inactiveContacts());
        add(entries, texts, "NEWSLETTER", null);
        Period accounting = Period.ofYears(policy.accountingYears());
        MonthDay yearEnd = MonthDay.parse("--" + policy.financialYearEnd().strip());
        entries.add(new Entry("INVOICE", accounting.toString(), texts.get("retention.INVOICE.label"),
                texts.get("retention.INVOICE", period(accounting, texts),
                        yearEnd.getDayOfMonth() + "." + yearEnd.getMonthValue() + ".")));
        add(entries, texts, "REQUEST", policy.closedRequests());
        add(entries, texts, "LETTER", policy.letters());
        add(entries, texts, "EVIDENCE", policy.evidence());
        add(entries, texts, "EXTRACT", policy.accessExtracts());
        add(entries, texts, "MAIL", policy.outbox());
        add(entries, texts, "LOG", policy.auditEntries());
        return List.copyOf(entries);
    }

    private static void add(List<Entry> entries, LetterMessages texts, String category, Period period) {
        entries.add(new Entry(category, period == null ? null : period.toString(),
                texts.get("retention." + category + ".label"),
                period == null ? texts.get("retention." + category) : texts.get("retention." + category,
                        period(period, texts))));
    }

    /** E.g. "3 years", "1 year 6 months", "90 days", in the letter's language. */
    static String period(Period period, LetterMessages texts) {
        List<String> parts = new ArrayList<>();
        part(parts, texts, "years", period.getYears());
        part(parts, texts, "months", period.getMonths());
        part(parts, texts, "days", period.getDays());
        return String.join(" ", parts);
    }

    private static void part(List<String> parts, LetterMessages texts, String unit, int amount) {
        if (amount != 0) {
            parts.add(texts.get("period." + unit + (amount == 1 ? ".one" : ".many"), amount));
        }
    }
}
