package fi.kivaq.dsr.register;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a register CSV as a CRM or a spreadsheet writes it: UTF-8 (with or without a byte order mark) or, where the
 * bytes are not valid UTF-8, Windows-1252 (what Excel saves as "CSV" on a Finnish Windows); {@code ;} or {@code ,} as
 * separator, whichever the header row has more of; a header row naming the columns in English, Finnish or Swedish,
 * in any letter case. Columns it does not know are ignored (and named in the report).
 */
final class ContactCsv {

    /** The columns of an import file, each with the header names it is known by (compared after {@link #key}). */
    enum Column {
        NAME("name", "nimi", "namn", "fullname"),
        EMAIL("email", "emailaddress", "sahkoposti", "sahkopostiosoite", "sposti", "epost", "epostadress"),
        ORGANISATION("organisation", "organization", "organisaatio", "company", "yritys", "foretag"),
        ORGANISATION_ID("organisationid", "organizationid", "businessid", "ytunnus", "fonummer"),
        ROLE("role", "title", "rooli", "tehtava", "titteli", "roll"),
        LANGUAGE("language", "kieli", "sprak"),
        SOURCE("source", "lahde", "kalla"),
        NEWSLETTER("newsletter", "newsletterconsent", "uutiskirje", "uutiskirjesuostumus", "nyhetsbrev"),
        CONSENT_DATE("consentdate", "newsletterconsentdate", "suostumuspvm", "suostumuspaiva", "samtyckesdatum"),
        CONSENT_CHANNEL("consentchannel", "newsletterconsentchannel", "suostumuskanava", "samtyckeskanal"),
        LAST_ACTIVITY("lastactivity", "viimeisinaktiivisuus", "viimeksiaktiivinen", "senasteaktivitet");

        private final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

        /** The documented (English) header name. */
        String header() {
            return name().toLowerCase(Locale.ROOT);
        }

        List<String> aliases() {
            return names;
        }

        static Column forHeader(String header) {
            String key = key(header);
            for (Column column : values()) {
                if (column.names.contains(key) || key(column.header()).equals(key)) {
                    return column;
                }
            }
            return null;
        }
    }

    /** One data row: its line in the file (the header is line 1) and its cells by column (blank cells: ""). */
    record Row(int line, Map<Column, String> cells) {

        String get(Column column) {
            return cells.getOrDefault(column, "");
        }
    }

    /**
     * The file as read.
     *
     * @param problem a message key when the file cannot be read as a register file at all (then no rows)
     */
    record Content(String encoding, char separator, List<String> ignoredColumns, List<Row> rows, String problem) {
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private ContactCsv() {
    }

    static Content read(byte[] bytes) {
        boolean bom = bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
        String text;
        String encoding;
        if (bom) {
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            encoding = "UTF-8";
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                encoding = "UTF-8";
            } catch (CharacterCodingException notUtf8) {
                text = new String(bytes, WINDOWS_1252);
                encoding = "windows-1252";
            }
        }
        char separator = separatorOf(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<Row> rows = new ArrayList<>();
            Column[] columns = null;
            List<String> ignored = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (columns == null) {
                    columns = new Column[record.size()];
                    for (int i = 0; i < record.size(); i++) {
                        columns[i] = Column.forHeader(record.get(i));
                        if (columns[i] == null && !record.get(i).isBlank()) {
                            ignored.add(record.get(i).strip());
                        }
                    }
                    List<Column> named = java.util.Arrays.asList(columns);
                    if (!named.contains(Column.NAME) || !named.contains(Column.EMAIL)) {
                        return new Content(encoding, separator, ignored, List.of(), "import.file.noHeader");
                    }
                    continue;
                }
                Map<Column, String> cells = new EnumMap<>(Column.class);
                for (int i = 0; i < columns.length && i < record.size(); i++) {
                    if (columns[i] != null) {
                        cells.put(columns[i], record.get(i).strip());
                    }
                }
                rows.add(new Row(Math.toIntExact(record.getRecordNumber()), cells));
            }
            if (columns == null) {
                return new Content(encoding, separator, ignored, List.of(), "import.file.empty");
            }
            return new Content(encoding, separator, List.copyOf(ignored), rows, null);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException broken) {
            // commons-csv reports a quote left open as an IOException (or unchecked, from the iterator)
            return new Content(encoding, separator, List.of(), List.of(), "import.file.unreadable");
        }
    }

    /** The header row's separator: the one of {@code ;} and {@code ,} it has more of (";" on a tie: Excel's, here). */
    static char separatorOf(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return commas > semicolons ? ',' : ';';
    }

    /** A header as compared: letters and digits only, lower case, without accents ("Sähköposti" → "sahkoposti"). */
    static String key(String header) {
        String lower = header.strip().toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length());
        for (char c : Normalizer.normalize(lower, Normalizer.Form.NFD).toCharArray()) {
            // after NFD an accented letter is its base letter and a combining mark, which is dropped here
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                key.append(c);
            }
        }
        return key.toString();
    }
}
