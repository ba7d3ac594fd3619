package fi.kivaq.dsr.event;

import java.util.EnumSet;
import java.util.List;

import fi.kivaq.dsr.shared.CsvTable;

/**
 * An event's attendee list, read as {@link CsvTable} reads the register import's CRM file: its columns, each known
 * by its English, Finnish and Swedish header names; a file without a name and an e-mail column is refused.
 */
final class AttendeeCsv {

    enum Column implements CsvTable.Column {
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

        @Override
        public List<String> aliases() {
            return names;
        }
    }

    private AttendeeCsv() {
    }

    /** The file's rows; a problem is one of the {@code event.import.file.*} message keys. */
    static CsvTable<Column> read(byte[] bytes) {
        return CsvTable.read(bytes, Column.class, EnumSet.of(Column.NAME, Column.EMAIL), "event.import.file");
    }
}
