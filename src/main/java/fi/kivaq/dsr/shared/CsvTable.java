package fi.kivaq.dsr.shared;

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
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An uploaded CSV file as a CRM or a spreadsheet writes it, read into rows by the caller's columns: UTF-8 (with or
 * without a byte order mark) or, where the bytes are not valid UTF-8, Windows-1252 (what Excel saves as "CSV" on a
 * Finnish Windows); {@code ;} or {@code ,} as separator, whichever the header row has more of; a header row naming
 * the columns in any order, by any of their names, in any letter case, accents and punctuation ignored. Columns the
 * caller does not know are ignored (and named in the report). The register's contact import and an event's attendee
 * list read their files here, so that a file one of them accepts the other reads the same way.
 *
 * @param encoding "UTF-8" or "windows-1252"
 * @param ignoredColumns the header row's names that are none of the caller's columns
 * @param rows the data rows, without the header row
 * @param problem a message key when the file cannot be read at all (then no rows): the caller's prefix followed by
 *                {@code .empty}, {@code .noHeader} (a required column is missing) or {@code .unreadable} (a quote
 *                left open)
 */
public record CsvTable<C extends Enum<C> & CsvTable.Column>(String encoding, char separator,
                                                             List<String> ignoredColumns, List<Row<C>> rows,
                                                             String problem) {

    /** A column a caller reads, implemented by its enum: the header names it is known by. */
    public interface Column {

        String name();

        /** The names it is known by besides {@link #header}, each as {@link CsvTable#key} makes it. */
        List<String> aliases();

        /** The documented (English) header name. */
        default String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One data row: its line in the file (the header is line 1) and its cells by column (blank cells: ""). */
    public record Row<C extends Enum<C>>(int line, Map<C, String> cells) {

        public String get(C column) {
            return cells.getOrDefault(column, "");
        }
    }

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * @param columns  the caller's columns
     * @param required the columns without which the file is refused ({@code <problems>.noHeader})
     * @param problems the prefix of the message keys of {@link #problem}, e.g. {@code "import.file"}
     */
    public static <C extends Enum<C> & Column> CsvTable<C> read(byte[] bytes, Class<C> columns, Set<C> required,
                                                               String problems) {
        boolean bom = bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1]
                && bytes[2] == UTF8_BOM[2];
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
        char separator = separatorOf(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<Row<C>> rows = new ArrayList<>();
            List<C> named = null;
            List<String> ignored = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (named == null) {
                    named = new ArrayList<>(record.size());
                    for (String header : record) {
                        C column = columnOf(header, columns);
                        named.add(column);
                        if (column == null && !header.isBlank()) {
                            ignored.add(header.strip());
                        }
                    }
                    if (!named.containsAll(required)) {
                        return new CsvTable<>(encoding, separator, ignored, List.of(), problems + ".noHeader");
                    }
                    continue;
                }
                Map<C, String> cells = new EnumMap<>(columns);
                for (int i = 0; i < named.size() && i < record.size(); i++) {
                    if (named.get(i) != null) {
                        cells.put(named.get(i), record.get(i).strip());
                    }
                }
                rows.add(new Row<>(Math.toIntExact(record.getRecordNumber()), cells));
            }
            if (named == null) {
                return new CsvTable<>(encoding, separator, ignored, List.of(), problems + ".empty");
            }
            return new CsvTable<>(encoding, separator, List.copyOf(ignored), rows, null);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException broken) {
            // commons-csv reports a quote left open as an IOException (or unchecked, from the iterator)
            return new CsvTable<>(encoding, separator, List.of(), List.of(), problems + ".unreadable");
        }
    }

    /** A header or a cell as compared: lower-case letters and digits, accents dropped ("Sähköposti" → "sahkoposti"). */
    public static String key(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length());
        for (char c : Normalizer.normalize(lower, Normalizer.Form.NFD).toCharArray()) {
            // after NFD an accented letter is its base letter and a combining mark, which is dropped here
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** The header row's separator: the one of {@code ;} and {@code ,} it has more of (";" on a tie: Excel's, here). */
    private static char separatorOf(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return commas > semicolons ? ',' : ';';
    }

    private static <C extends Enum<C> & Column> C columnOf(String header, Class<C> columns) {
        String key = key(header);
        for (C column : columns.getEnumConstants()) {
            if (column.aliases().contains(key) || key(column.header()).equals(key)) {
                return column;
            }
        }
        return null;
    }
}
