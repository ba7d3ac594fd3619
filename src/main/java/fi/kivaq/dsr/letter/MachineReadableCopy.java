package fi.kivaq.dsr.letter;

import java.time.LocalDate;
import java.util.List;

import fi.kivaq.dsr.shared.AccessExtract;

/**
 * The {@code data.json} embedded in an access letter: the extract plus enough context to stand alone.
 * {@code retention}: how long each category of data is kept, as configured (Art. 15(1)(d)).
 * Documented in {@code docs/letters.md}; bump {@link #FORMAT} on incompatible changes.
 */
record MachineReadableCopy(
        String format,
        String controller,
        String register,
        String reference,
        LocalDate answeredOn,
        AccessExtract data,
        List<RetentionSummary.Entry> retention) {

    static final String FORMAT = "kivaq-dsr-access-extract/1";
}
