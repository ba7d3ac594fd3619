package fi.kivaq.dsr.register;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.shared.DeadlineCalculator;

/**
 * The register (or the contacts a search term matches) as CSV, in the import's own columns, so that an export can be
 * edited in a spreadsheet and imported back: UTF-8 with a byte order mark (Excel then shows ä, ö, å right), {@code ;}
 * as separator. A contact whose objection to such copies was upheld (GDPR Art. 21(1),
 * {@link ObjectedUse#REGISTER_EXPORT}) is left out. Audited with the number of contacts, never the term.
 */
@Service
public class RegisterExport {

    /** The file and how many contacts it holds. */
    public record Export(byte[] csv, int contacts) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    RegisterExport(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** @param term null or blank for the whole register; otherwise as {@link ContactDirectory#search}, without its cap */
    @Transactional
    public Export export(String term, String actor) {
        boolean search = term != null && !term.isBlank();
        String consent = """
                (select e.%s from newsletter_consent_event e where e.contact_id = c.id
                 order by e.occurred_at desc, e.id desc fetch first 1 rows only)""";
        String sql = """
                select c.name, c.email, o.name as org_name, o.business_id, c.role, c.language, c.source,
                    c.last_activity_at, %s as consent_kind, %s as consent_at, %s as consent_channel
                from contact c left join organisation o on o.id = c.organisation_id
                where %s%s order by c.id""".formatted(consent.formatted("kind"), consent.formatted("occurred_at"),
                consent.formatted("channel"), ContactRegister.notObjectedTo("c", ObjectedUse.REGISTER_EXPORT),
                search ? """
                 and (lower(c.name) like lower(:pattern) escape '\\'
                   or lower(c.email) like lower(:pattern) escape '\\'
                   or lower(o.name) like lower(:pattern) escape '\\')""" : "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        int[] count = {0};
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setDelimiter(';')
                     .setHeader(Arrays.stream(ContactCsv.Column.values()).map(ContactCsv.Column::header)
                             .toArray(String[]::new)).get())) {
            JdbcClient.StatementSpec statement = jdbc.sql(sql);
            if (search) {
                statement = statement.param("pattern", "%" + ContactDirectory.escapeLike(term.strip()) + "%");
            }
            statement.query(rs -> {
                boolean subscribed = "GIVEN".equals(rs.getString("consent_kind"));
                try {
                    csv.printRecord(rs.getString("name"), rs.getString("email"), rs.getString("org_name"),
                            rs.getString("business_id"), rs.getString("role"), rs.getString("language"),
                            rs.getString("source"), subscribed ? "yes" : "no",
                            subscribed ? date(rs.getObject("consent_at", OffsetDateTime.class)) : null,
                            subscribed ? rs.getString("consent_channel") : null,
                            date(rs.getObject("last_activity_at", OffsetDateTime.class)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.recordForRegister(actor, AuditLog.Action.EXPORT_REGISTER,
                count[0] + " contacts" + (search ? " (a search result)" : " (the whole register)"));
        return new Export(bytes.toByteArray(), count[0]);
    }

    /** The Helsinki calendar date, as the import reads it back. */
    private static String date(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate().toString();
    }
}
