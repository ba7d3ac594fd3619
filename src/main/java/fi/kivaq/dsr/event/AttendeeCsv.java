package fi.kivaq.dsr.event;

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
 * Reads an event's attendee list as the register import reads a CRM file: UTF-8 (with or without a byte order mark)
 * or, where the bytes are not valid UTF-8, Windows-1252; {@code ;} or {@code ,}, whichever the header row has more of;
 * headers in English, Finnish or Swedish in any letter case, accents and punctuation ignored; unknown columns named.
 */
final class AttendeeCsv {

    enum Column {
        NAME("name", "nimi", "namn", "fullname"),
        EMAIL("email", "emailaddress", "sahkoposti", "sahkopostiosoite", "sposti", "epost", "epostadress"),
        ORGANISATION("organisation", "organization", "organisaatio", "company", "yritys", "foretag"),
        LANGUAGE("language", "kieli", "sprak"),
        CONSENT("consent", "suostumus", "samtycke"),
        CONSENT_TEXT_VERSION("consenttextversion", "suostumustekstinversio", "samtyckestextversion");

        private final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

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

    record Row(int line, Map<Column, String> cells) {

        String get(Column column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** @param problem a message key when the file cannot be read at all (then no rows) */
    record Content(String encoding, char separator, List<String> ignoredColumns, List<Row> rows, String problem) {
    }

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private AttendeeCsv() {
    }

    static Content read(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        String text;
        String encoding = "UTF-8";
        if (bom) {
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                text = new String(bytes, WINDOWS_1252);
                encoding = "windows-1252";
            }
        }
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        char separator = header.chars().filter(c -> c == ',').count() > header.chars().filter(c -> c == ';').count()
                ? ',' : ';';
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
                        return new Content(encoding, separator, ignored, List.of(), "event.import.file.noHeader");
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
                return new Content(encoding, separator, ignored, List.of(), "event.import.file.empty");
            }
            return new Content(encoding, separator, List.copyOf(ignored), rows, null);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException broken) {
            return new Content(encoding, separator, List.of(), List.of(), "event.import.file.unreadable");
        }
    }

    /** A header or a value as compared: letters and digits only, lower case, without accents. */
    static String key(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length());
        for (char c : Normalizer.normalize(lower, Normalizer.Form.NFD).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                key.append(c);
            }
        }
        return key.toString();
    }
}
