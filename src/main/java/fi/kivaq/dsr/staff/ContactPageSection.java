package fi.kivaq.dsr.staff;

import java.time.LocalDate;
import java.util.List;

/**
 * A section of the staff's contact page that a feature fills with its own rows about the contact (e.g. the events
 * attended). Like {@link ContactPageLink}, contributed as beans: the page names no feature.
 */
public interface ContactPageSection {

    /** The section's id on the page (an HTML id). */
    String id();

    /** The message key of the section's heading. */
    String heading();

    /** The rows about the contact; empty: the section says there is nothing. */
    List<Entry> entries(long contactId);

    /**
     * One row: a text linked to the feature's page, a date, and a note (a message key, or null).
     */
    record Entry(String text, String path, LocalDate date, String note) {
    }
}
