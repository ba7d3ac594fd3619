package fi.kivaq.dsr.register;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.ContactImport.Outcome;
import fi.kivaq.dsr.register.ContactImport.Problem;
import fi.kivaq.dsr.shared.CsvTable;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register import on the real database (H2, then PostgreSQL): a Windows-1252 file with semicolons and Finnish
 * headers; the dry run's exact account of each row; idempotent application; nothing of a refused file stored.
 */
class ContactImportTest extends IntegrationTest {

    private static final String HEADER_FI = "nimi;sähköposti;organisaatio;y-tunnus;rooli;kieli;lähde;uutiskirje;"
            + "suostumus pvm;suostumuskanava;viimeisin aktiivisuus";

    @Autowired
    ContactImport contactImport;
    @Autowired
    NewsletterSuppression suppression;
    @Autowired
    ContactRegister contacts;
    @Autowired
    TestRegister register;
    @Autowired
    ImportCommand command;

    @Test
    void theDryRunOfAWindows1252FileReportsEveryRowExactlyAndWritesNothing() {
        String tag = tag();
        String newSubscriber = "aada." + tag + "@test.example";
        String newContact = "bertil." + tag + "@test.example";
        String existingChanged = "cecilia." + tag + "@test.example";
        String existingSame = "daniel." + tag + "@test.example";
        String suppressed = "erased." + tag + "@test.example";
        long changed = register.subscriber("Cecilia Vanha", existingChanged, "fi");
        register.subscriber("Daniel Sama", existingSame, "sv");
        suppression.suppress(suppressed);
        String file = String.join("\r\n",
                HEADER_FI,
                "Äänekoski Öljynen;" + newSubscriber + ";Åbo Träd " + tag + " Ab;;Myyjä;sv;EVENT;kyllä;2025-03-31;EVENT;31.3.2025",
                "Bertil Åkerö;" + newContact + ";;;;fi;sähköposti;ei;;;",
                "Cecilia Uusi;" + existingChanged.toUpperCase(Locale.ROOT) + ";;;;;;;;;",
                "Bertil Kopio;" + newContact.toUpperCase(Locale.ROOT) + ";;;;fi;EMAIL;ei;;;",
                "Poistettu Henkilö;" + suppressed.substring(0, 1).toUpperCase(Locale.ROOT) + suppressed.substring(1)
                        .replace("test.example", "TEST.Example") + ";;;;fi;EMAIL;ei;;;",
                "Huono Osoite;huono.osoite." + tag + "(at)test.example;;;;fi;EMAIL;ei;;;",
                "Huono Päivä;huono.paiva." + tag + "@test.example;;;;fi;EMAIL;kyllä;31.2.2025;EVENT;",
                "Daniel Sama;" + existingSame + ";;;;sv;;;;;",
                "");
        long contactsBefore = count("contact");

        ContactImport.Report report = contactImport.dryRun(file.getBytes(CsvTable.WINDOWS_1252), "import-test");

        assertThat(report.encoding()).isEqualTo("windows-1252");
        assertThat(report.separator()).isEqualTo(';');
        assertThat(report.ignoredColumns()).isEmpty();
        assertThat(report.lines(Outcome.CREATE)).containsExactly(2, 3);
        assertThat(report.lines(Outcome.UPDATE)).containsExactly(4);
        assertThat(report.lines(Outcome.SKIP_SUPPRESSED)).containsExactly(6);
        assertThat(report.lines(Outcome.UNCHANGED)).containsExactly(9);
        assertThat(report.problems()).containsExactly(
                new Problem(5, "import.row.duplicate", List.of("3")),
                new Problem(7, "import.row.emailInvalid", List.of("huono.osoite." + tag + "(at)test.example")),
                new Problem(8, "import.row.date", List.of("consent_date", "31.2.2025")));
        assertThat(report.newOrganisations()).isEqualTo(1);
        assertThat(report.applied()).isFalse();
        assertThat(count("contact")).isEqualTo(contactsBefore);
        assertThat(contacts.correctableValues(changed).orElseThrow().get(ContactField.NAME)).isEqualTo("Cecilia Vanha");
        assertThat(lastAuditDetail("IMPORT_DRY_RUN")).contains(report.fileHash()).contains("2 created")
                .doesNotContain(tag);
    }

    @Test
    void aFileWithInvalidRowsIsNotAppliedAtAllAndAValidOneTwiceChangesNothingTheSecondTime() {
        String tag = tag();
        String subscriber = "aada." + tag + "@test.example";
        String employee = "bertil." + tag + "@test.example";
        String existing = "cecilia." + tag + "@test.example";
        long cecilia = register.subscriber("Cecilia Vanha", existing, "fi");
        String valid = String.join("\n",
                HEADER_FI,
                "Äänekoski Öljynen;" + subscriber + ";Åbo Träd " + tag + " Ab;" + businessId(tag)
                        + ";Myyjä;sv;EVENT;kyllä;2025-03-31;EVENT;31.3.2025",
                "Bertil Åkerö;" + employee + ";Åbo Träd " + tag + " Ab;" + businessId(tag) + ";Johtaja;fi;EMAIL;ei;;;",
                "Cecilia Uusi;" + existing + ";;;Rehtori;;;kyllä;2025-01-02;EVENT;");
        String invalid = valid + "\nHuono Päivä;huono." + tag + "@test.example;;;;fi;EMAIL;kyllä;2025-13-01;EVENT;";
        long contactsBefore = count("contact");
        long organisationsBefore = count("organisation");
        long consentsBefore = count("newsletter_consent_event");

        ContactImport.Report refused = contactImport.apply(invalid.getBytes(CsvTable.WINDOWS_1252), "import-test");

        assertThat(refused.applied()).isFalse();
        assertThat(refused.problems()).extracting(Problem::line).containsExactly(5);
        assertThat(count("contact")).isEqualTo(contactsBefore);
        assertThat(count("organisation")).isEqualTo(organisationsBefore);
        assertThat(count("newsletter_consent_event")).isEqualTo(consentsBefore);
        assertThat(contacts.findContactIdByEmail(subscriber)).isEmpty();

        ContactImport.Report first = contactImport.apply(valid.getBytes(CsvTable.WINDOWS_1252), "import-test");

        assertThat(first.applied()).isTrue();
        assertThat(first.lines(Outcome.CREATE)).containsExactly(2, 3);
        assertThat(first.lines(Outcome.UPDATE)).containsExactly(4);
        assertThat(first.newOrganisations()).isEqualTo(1);
        long aada = contacts.findContactIdByEmail(subscriber).orElseThrow();
        var values = contacts.correctableValues(aada).orElseThrow();
        assertThat(values.get(ContactField.NAME)).isEqualTo("Äänekoski Öljynen");
        assertThat(values.get(ContactField.ROLE)).isEqualTo("Myyjä");
        assertThat(values.get(ContactField.LANGUAGE)).isEqualTo("sv");
        assertThat(contacts.isSubscribed(aada)).isTrue();
        assertThat(jdbc.sql("select occurred_at from newsletter_consent_event where contact_id = :id")
                .param("id", aada).query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(java.time.LocalDate.of(2025, 3, 31).atStartOfDay(fi.kivaq.dsr.shared.DeadlineCalculator.HELSINKI)
                        .toInstant());
        long bertil = contacts.findContactIdByEmail(employee).orElseThrow();
        assertThat(contacts.isSubscribed(bertil)).isFalse();
        assertThat(jdbc.sql("select count(distinct organisation_id) from contact where id in (:a, :b)")
                .param("a", aada).param("b", bertil).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select o.business_id from organisation o join contact c on c.organisation_id = o.id "
                        + "where c.id = :id").param("id", aada).query(String.class).single()).isEqualTo(businessId(tag));
        // Cecilia has a consent history here: the CRM's consent adds nothing to it
        assertThat(contacts.correctableValues(cecilia).orElseThrow().get(ContactField.NAME)).isEqualTo("Cecilia Uusi");
        assertThat(jdbc.sql("select count(*) from newsletter_consent_event where contact_id = :id")
                .param("id", cecilia).query(Long.class).single()).isEqualTo(1);
        assertThat(lastAuditDetail("IMPORT_REGISTER")).contains(first.fileHash()).contains("2 created, 1 updated")
                .doesNotContain(tag);
        long contactsAfter = count("contact");
        long organisationsAfter = count("organisation");
        long consentsAfter = count("newsletter_consent_event");

        ContactImport.Report second = contactImport.apply(valid.getBytes(CsvTable.WINDOWS_1252), "import-test");

        assertThat(second.applied()).isTrue();
        assertThat(second.lines(Outcome.UNCHANGED)).containsExactly(2, 3, 4);
        assertThat(second.count(Outcome.CREATE) + second.count(Outcome.UPDATE)).isZero();
        assertThat(second.newOrganisations()).isZero();
        assertThat(count("contact")).isEqualTo(contactsAfter);
        assertThat(count("organisation")).isEqualTo(organisationsAfter);
        assertThat(count("newsletter_consent_event")).isEqualTo(consentsAfter);
    }

    @Test
    void aUtf8FileWithAByteOrderMarkCommasAndEnglishHeadersIsReadToo() {
        String tag = tag();
        String file = "\uFEFFName,E-mail,Organisation,Role,Language,Source,Newsletter,Newsletter consent date,"
                + "Newsletter consent channel,CRM notes\r\n"
                + "\"Öhman, Åsa\"," + "asa." + tag + "@test.example,\"Kivi, Sora ja Hiekka " + tag
                + " Oy\",Buyer,sv,ORDER_FORM,yes,2024-11-30,ORDER_FORM,likes coffee\r\n";

        ContactImport.Report report = contactImport.dryRun(file.getBytes(StandardCharsets.UTF_8), "import-test");

        assertThat(report.encoding()).isEqualTo("UTF-8");
        assertThat(report.separator()).isEqualTo(',');
        assertThat(report.ignoredColumns()).containsExactly("CRM notes");
        assertThat(report.problems()).isEmpty();
        assertThat(report.lines(Outcome.CREATE)).containsExactly(2);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedAtLineOne() {
        ContactImport.Report report = contactImport.dryRun("foo;bar\n1;2\n".getBytes(StandardCharsets.UTF_8),
                "import-test");

        assertThat(report.problems()).containsExactly(new Problem(1, "import.file.noHeader", List.of()));
        assertThat(report.rows()).isZero();
    }

    @Test
    void theCommandLinePrintsTheDryRunAndAppliesOnlyWithApply(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String tag = tag();
        String address = "cli." + tag + "@test.example";
        java.nio.file.Path file = dir.resolve("contacts.csv");
        java.nio.file.Files.write(file, ("name,email,source\nKalle Komento," + address + ",EMAIL\n"
                + "Bad Row,not-an-address,EMAIL\n").getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        command.printTo(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));

        command.run(new org.springframework.boot.DefaultApplicationArguments("import", file.toString(), "--apply"));

        assertThat(command.getExitCode()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NOT applied")
                .contains("line 3: The e-mail address \"not-an-address\" is not valid.");
        assertThat(contacts.findContactIdByEmail(address)).isEmpty();

        java.nio.file.Files.write(file, ("name,email,source\nKalle Komento," + address + ",EMAIL\n")
                .getBytes(StandardCharsets.UTF_8));
        out.reset();
        command.run(new org.springframework.boot.DefaultApplicationArguments("import", file.toString()));
        assertThat(command.getExitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Dry run of").contains("--apply");
        assertThat(contacts.findContactIdByEmail(address)).isEmpty();

        command.run(new org.springframework.boot.DefaultApplicationArguments("import", file.toString(), "--apply"));
        assertThat(command.getExitCode()).isZero();
        assertThat(contacts.findContactIdByEmail(address)).isPresent();
        command.printTo(System.out);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private String lastAuditDetail(String action) {
        return jdbc.sql("select detail from audit_log where action = :a order by id desc fetch first 1 rows only")
                .param("a", action).query(String.class).single();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String businessId(String tag) {
        return Math.abs(tag.hashCode() % 10_000_000) + "-1";
    }
}
