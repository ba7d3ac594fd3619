package fi.kivaq.dsr.letter;

import java.time.LocalDate;

import fi.kivaq.dsr.shared.AccessExtract;

/**
 * The {@code data.json} embedded in an access letter: the extract plus enough context to stand alone.
 * Documented in {@code docs/letters.md}; bump {@link #FORMAT} on incompatible changes.
 */
record MachineReadableCopy(
        String format,
        String controller,
        String register,
        String reference,
        LocalDate answeredOn,
        AccessExtract data) {

    static final String FORMAT = "kivaq-dsr-access-extract/1";
}
