package fi.kivaq.dsr.register;

import java.util.EnumSet;
import java.util.List;

import fi.kivaq.dsr.shared.CsvTable;

/**
 * The register's import file, read as {@link CsvTable} reads a CRM export: its columns, each known by its English,
 * Finnish and Swedish header names; a file without a name and an e-mail column is refused.
 */
final class ContactCsv {

    /** The columns of an import file, each with the header names it is known by (see {@link CsvTable#key}). */
    enum Column implements CsvTable.Column {
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

        @Override
        public List<String> aliases() {
            return names;
        }
    }

    private ContactCsv() {
    }

    /** The file's rows; a problem is one of the {@code import.file.*} message keys. */
    static CsvTable<Column> read(byte[] bytes) {
        return CsvTable.read(bytes, Column.class, EnumSet.of(Column.NAME, Column.EMAIL), "import.file");
    }
}
