package fi.kivaq.dsr.register;

import java.util.Arrays;
import java.util.List;

/** The import file's columns as the page and the README document them. */
public final class ContactImportColumns {

    /** A column: its English header and the other header names it is known by. */
    public record Documented(String header, List<String> alsoKnownAs) {
    }

    private ContactImportColumns() {
    }

    public static List<Documented> documented() {
        return Arrays.stream(ContactCsv.Column.values())
                .map(c -> new Documented(c.header(), c.aliases()))
                .toList();
    }
}
