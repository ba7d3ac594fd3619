package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How an uploaded CSV is decoded, split and mapped to the caller's columns, as both imports read their files. */
@Tag("fast")
class CsvTableTest {

    enum Column implements CsvTable.Column {
        NAME, EMAIL, ORGANISATION;

        @Override
        public List<String> aliases() {
            return switch (this) {
                case NAME -> List.of("nimi");
                case EMAIL -> List.of("sahkoposti");
                case ORGANISATION -> List.of("organisaatio");
            };
        }
    }

    private static CsvTable<Column> read(byte[] bytes) {
        return CsvTable.read(bytes, Column.class, EnumSet.of(Column.NAME, Column.EMAIL), "test.file");
    }

    private static CsvTable<Column> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void utf8WithAByteOrderMarkIsReadWithoutTheMark() {
        byte[] text = "note;name;email\nvip;Äijä Virtanen;aija@kivaq.example\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);

        CsvTable<Column> table = read(bytes);

        assertThat(table.problem()).isNull();
        assertThat(table.encoding()).isEqualTo("UTF-8");
        // with the mark left in, the first header would be "\uFEFFnote"
        assertThat(table.ignoredColumns()).containsExactly("note");
        assertThat(table.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(Column.NAME)).isEqualTo("Äijä Virtanen");
            assertThat(row.get(Column.EMAIL)).isEqualTo("aija@kivaq.example");
        });
    }

    @Test
    void bytesThatAreNotUtf8AreWindows1252AsExcelSavesThem() {
        byte[] bytes = "name;email\nÄijä Virtanen;aija@kivaq.example\n".getBytes(CsvTable.WINDOWS_1252);
        assertThat(bytes[11]).isEqualTo((byte) 0xC4);

        CsvTable<Column> table = read(bytes);

        assertThat(table.encoding()).isEqualTo("windows-1252");
        assertThat(table.rows()).singleElement()
                .satisfies(row -> assertThat(row.get(Column.NAME)).isEqualTo("Äijä Virtanen"));
    }

    @Test
    void theSeparatorIsTheOneTheHeaderRowHasMoreOf() {
        CsvTable<Column> semicolons = read("name;email;organisation\nVirtanen, Aino;aino@kivaq.example;Kiva, Oy\n");
        assertThat(semicolons.separator()).isEqualTo(';');
        assertThat(semicolons.rows()).singleElement().satisfies(row -> assertThat(row.cells()).isEqualTo(Map.of(
                Column.NAME, "Virtanen, Aino", Column.EMAIL, "aino@kivaq.example", Column.ORGANISATION, "Kiva, Oy")));

        CsvTable<Column> commas = read("name,email,organisation\nAino Virtanen,aino@kivaq.example,Kiva; Oy\n");
        assertThat(commas.separator()).isEqualTo(',');
        assertThat(commas.rows()).singleElement().satisfies(row -> assertThat(row.cells()).isEqualTo(Map.of(
                Column.NAME, "Aino Virtanen", Column.EMAIL, "aino@kivaq.example", Column.ORGANISATION, "Kiva; Oy")));
    }

    @Test
    void aQuotedFieldKeepsTheSeparatorAndADoubledQuoteIsOneQuote() {
        CsvTable<Column> table = read(
                "name,email,organisation\n\"Virtanen, Aino\",aino@kivaq.example,\"Oy \"\"Kiva\"\" Ab\"\n");

        assertThat(table.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(Column.NAME)).isEqualTo("Virtanen, Aino");
            assertThat(row.get(Column.ORGANISATION)).isEqualTo("Oy \"Kiva\" Ab");
        });
    }

    @Test
    void headersAreMappedByNameInAnyOrderCaseAndAccentsIgnored() {
        CsvTable<Column> table = read("Sähköposti;Lisätieto;NIMI\naino@kivaq.example;vip;Aino Virtanen\n"
                + "\n"
                + "eero@kivaq.example;;Eero Virtanen\n");

        assertThat(table.ignoredColumns()).containsExactly("Lisätieto");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0).cells())
                .isEqualTo(Map.of(Column.NAME, "Aino Virtanen", Column.EMAIL, "aino@kivaq.example"));
        assertThat(table.rows().get(1).get(Column.NAME)).isEqualTo("Eero Virtanen");
        assertThat(table.rows().get(1).get(Column.ORGANISATION)).isEmpty();
    }

    @Test
    void rowsCarryTheirLineWithTheHeaderAsLineOne() {
        CsvTable<Column> table = read("name;email\nAino;aino@kivaq.example\nEero;eero@kivaq.example\n");

        assertThat(table.rows()).extracting(CsvTable.Row::line).containsExactly(2, 3);
    }

    @Test
    void aFileThatCannotBeReadHasTheCallersProblemKeyAndNoRows() {
        assertThat(read("").problem()).isEqualTo("test.file.empty");
        assertThat(read("name;organisation\nAino;Kiva Oy\n").problem()).isEqualTo("test.file.noHeader");
        CsvTable<Column> unreadable = read("name;email\n\"Aino;aino@kivaq.example\n");
        assertThat(unreadable.problem()).isEqualTo("test.file.unreadable");
        assertThat(unreadable.rows()).isEmpty();
    }
}
