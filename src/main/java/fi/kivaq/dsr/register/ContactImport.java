package fi.kivaq.dsr.register;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.register.ContactCsv.Column;
import fi.kivaq.dsr.shared.CsvTable;
import fi.kivaq.dsr.shared.CsvTable.Row;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * The register's import from a CRM export (CSV, see {@link ContactCsv} and the README): a dry run that says what
 * each row would do, and the application of the same plan in one transaction. Rows are matched to contacts by the
 * normalised address; an address on the suppression list is never (re-)added, however it is spelled; a file with
 * any invalid row is not applied at all. Applying is idempotent: a row whose values the register already has
 * changes nothing. Both are audited with counts and the file's SHA-256, never with a name or an address.
 *
 * <p>What an update changes: name, and (where the cell is not blank) organisation, role, language; the last
 * activity when the file's is later; a newsletter consent only for a contact with no consent history here (the
 * register's own history, e.g. a withdrawal by one-click link, always wins over the CRM's). The source stays the
 * one the contact first came from.
 */
@Service
public class ContactImport {

    /** What a row does. */
    public enum Outcome {
        CREATE, UPDATE, UNCHANGED, SKIP_SUPPRESSED
    }

    /** An invalid row (or, at line 1, the file): a message key with its arguments, in the staff member's language. */
    public record Problem(int line, String reason, List<String> args) {
    }

    /**
     * The dry run's (or the application's) account of a file.
     *
     * @param lines    the line numbers of the rows, by what they do
     * @param problems every invalid row; not empty means the file is not applied
     * @param applied  whether this report is of an application that wrote the register
     */
    public record Report(String fileHash, String encoding, char separator, List<String> ignoredColumns,
                         Map<Outcome, List<Integer>> lines, List<Problem> problems, int newOrganisations,
                         boolean applied) {

        public int count(Outcome outcome) {
            return lines.getOrDefault(outcome, List.of()).size();
        }

        public List<Integer> lines(Outcome outcome) {
            return lines.getOrDefault(outcome, List.of());
        }

        /** The first {@code max} lines of an outcome: a page for 100,000 rows stays readable. */
        public List<Integer> firstLines(Outcome outcome, int max) {
            List<Integer> all = lines(outcome);
            return all.size() <= max ? all : all.subList(0, max);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        public int rows() {
            return lines.values().stream().mapToInt(List::size).sum() + (int) problems.stream()
                    .filter(p -> p.line() > 1).count();
        }

        /** What the audit log keeps: counts and the file's hash. */
        String auditDetail() {
            return "file sha256 " + fileHash + ": " + count(Outcome.CREATE) + " created, " + count(Outcome.UPDATE)
                    + " updated, " + count(Outcome.UNCHANGED) + " unchanged, " + count(Outcome.SKIP_SUPPRESSED)
                    + " suppressed, " + problems.size() + " invalid, " + newOrganisations + " new organisations";
        }
    }

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_ROLE = 100;
    static final int MAX_ORGANISATION = 200;
    static final int MAX_BUSINESS_ID = 20;
    private static final int BATCH = 1000;
    /** The intake form's rule for an address. */
    private static final Pattern EMAIL =
            Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.[A-Za-z\\p{L}]{2,}$");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");
    private static final DateTimeFormatter FINNISH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu");
    private static final Set<String> YES = Set.of("yes", "y", "kylla", "k", "ja", "true", "1", "x");
    private static final Set<String> NO = Set.of("", "no", "n", "ei", "e", "nej", "false", "0");
    private static final Set<ConsentChannel> CONSENT_CHANNELS =
            Set.of(ConsentChannel.SIGN_UP_FORM, ConsentChannel.EVENT, ConsentChannel.ORDER_FORM, ConsentChannel.STAFF);
    private static final Map<String, String> SOURCES = Map.of(
            "orderform", "ORDER_FORM", "tilauslomake", "ORDER_FORM", "kyselytilaus", "ORDER_FORM",
            "contactform", "CONTACT_FORM", "yhteydenottolomake", "CONTACT_FORM", "kontaktformular", "CONTACT_FORM",
            "email", "EMAIL", "sahkoposti", "EMAIL", "event", "EVENT", "tapahtuma", "EVENT");

    /** A contact as the register has it, for matching and for "would this row change anything". */
    private record Existing(long id, String name, String role, String language, Long organisationId,
                            OffsetDateTime lastActivityAt, boolean consentHistory) {
    }

    /** A valid row, resolved. */
    private record Planned(Row<Column> row, Outcome outcome, String name, String email, String normalised,
                           String organisationKey, String role, String language, String source, boolean newsletter,
                           ConsentChannel consentChannel, Instant consentAt, Instant lastActivityAt,
                           Existing existing) {
    }

    private record NewOrganisation(String name, String businessId) {
    }

    private record Plan(CsvTable<Column> content, List<Planned> rows, List<Problem> problems,
                        Map<String, NewOrganisation> newOrganisations, Map<String, Long> organisations) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final NewsletterSuppression suppression;
    private final AuditLog audit;
    private final Clock clock;

    ContactImport(JdbcClient jdbc, JdbcTemplate jdbcTemplate, NewsletterSuppression suppression, AuditLog audit,
                  Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.suppression = suppression;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the file would do; writes nothing but the audit entry (a dry run reads the register). */
    @Transactional
    public Report dryRun(byte[] file, String actor) {
        Report report = report(file, plan(file), false);
        audit.recordForRegister(actor, AuditLog.Action.IMPORT_DRY_RUN, report.auditDetail());
        return report;
    }

    /**
     * Plans the file again against the register as it is now and, if no row is invalid, writes it, all in this one
     * transaction: any failure leaves nothing of the file behind.
     */
    @Transactional
    public Report apply(byte[] file, String actor) {
        Plan plan = plan(file);
        if (!plan.problems().isEmpty()) {
            Report refused = report(file, plan, false);
            audit.recordForRegister(actor, AuditLog.Action.IMPORT_REFUSED, refused.auditDetail());
            return refused;
        }
        write(plan);
        Report applied = report(file, plan, true);
        audit.recordForRegister(actor, AuditLog.Action.IMPORT_REGISTER, applied.auditDetail());
        return applied;
    }

    private Report report(byte[] file, Plan plan, boolean applied) {
        Map<Outcome, List<Integer>> lines = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            lines.put(outcome, new ArrayList<>());
        }
        plan.rows().forEach(p -> lines.get(p.outcome()).add(p.row().line()));
        return new Report(sha256(file), plan.content().encoding(), plan.content().separator(),
                plan.content().ignoredColumns(), lines, plan.problems(), plan.newOrganisations().size(), applied);
    }

    private Plan plan(byte[] file) {
        CsvTable<Column> content = ContactCsv.read(file);
        List<Problem> problems = new ArrayList<>();
        if (content.problem() != null) {
            problems.add(new Problem(1, content.problem(), List.of()));
            return new Plan(content, List.of(), problems, Map.of(), Map.of());
        }
        Map<String, Existing> existing = existingContacts();
        Map<String, Long> organisations = existingOrganisations();
        Predicate<String> suppressed = suppression.snapshot();
        Map<String, Integer> firstLineOf = new HashMap<>();
        Map<String, NewOrganisation> newOrganisations = new java.util.LinkedHashMap<>();
        List<Planned> planned = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
        for (Row<Column> row : content.rows()) {
            int before = problems.size();
            String name = row.get(Column.NAME);
            String email = row.get(Column.EMAIL);
            if (name.isEmpty()) {
                problems.add(problem(row, "import.row.nameMissing"));
            } else if (name.length() > MAX_NAME || UNPRINTABLE.matcher(name).find()) {
                problems.add(problem(row, "import.row.nameInvalid", String.valueOf(MAX_NAME)));
            }
            if (email.isEmpty()) {
                problems.add(problem(row, "import.row.emailMissing"));
                continue;
            }
            if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches() || UNPRINTABLE.matcher(email).find()) {
                problems.add(problem(row, "import.row.emailInvalid", email));
                continue;
            }
            String normalised = EmailAddresses.normalise(email);
            Integer first = firstLineOf.putIfAbsent(normalised, row.line());
            if (first != null) {
                problems.add(problem(row, "import.row.duplicate", String.valueOf(first)));
                continue;
            }
            if (suppressed.test(normalised)) {
                // checked before anything else of the row: a suppressed address is skipped, never reported invalid
                problems.subList(before, problems.size()).clear();
                planned.add(new Planned(row, Outcome.SKIP_SUPPRESSED, null, null, normalised, null, null, null,
                        null, false, null, null, null, null));
                continue;
            }
            Existing contact = existing.get(normalised);
            String organisation = row.get(Column.ORGANISATION);
            String businessId = row.get(Column.ORGANISATION_ID);
            if (organisation.length() > MAX_ORGANISATION) {
                problems.add(problem(row, "import.row.tooLong", Column.ORGANISATION.header(),
                        String.valueOf(MAX_ORGANISATION)));
            }
            if (businessId.length() > MAX_BUSINESS_ID) {
                problems.add(problem(row, "import.row.tooLong", Column.ORGANISATION_ID.header(),
                        String.valueOf(MAX_BUSINESS_ID)));
            }
            if (!businessId.isEmpty() && organisation.isEmpty()) {
                problems.add(problem(row, "import.row.organisationMissing"));
            }
            String role = row.get(Column.ROLE);
            if (role.length() > MAX_ROLE) {
                problems.add(problem(row, "import.row.tooLong", Column.ROLE.header(), String.valueOf(MAX_ROLE)));
            }
            String language = row.get(Column.LANGUAGE).toLowerCase(Locale.ROOT);
            if (!language.isEmpty() && !Set.of("fi", "sv", "en").contains(language)) {
                problems.add(problem(row, "import.row.language", row.get(Column.LANGUAGE)));
            }
            String source = null;
            String sourceCell = row.get(Column.SOURCE);
            if (!sourceCell.isEmpty()) {
                source = SOURCES.get(CsvTable.key(sourceCell));
                if (source == null) {
                    problems.add(problem(row, "import.row.source", sourceCell));
                }
            } else if (contact == null) {
                problems.add(problem(row, "import.row.sourceMissing"));
            }
            Boolean newsletter = null;
            String newsletterCell = CsvTable.key(row.get(Column.NEWSLETTER));
            if (YES.contains(newsletterCell)) {
                newsletter = true;
            } else if (NO.contains(newsletterCell)) {
                newsletter = false;
            } else {
                problems.add(problem(row, "import.row.newsletter", row.get(Column.NEWSLETTER)));
            }
            Instant consentAt = null;
            ConsentChannel channel = null;
            if (Boolean.TRUE.equals(newsletter)) {
                consentAt = date(row, Column.CONSENT_DATE, today, true, problems);
                String channelCell = row.get(Column.CONSENT_CHANNEL);
                if (channelCell.isEmpty()) {
                    problems.add(problem(row, "import.row.channelMissing"));
                } else {
                    channel = channel(channelCell);
                    if (channel == null) {
                        problems.add(problem(row, "import.row.channel", channelCell));
                    }
                }
            }
            Instant lastActivity = date(row, Column.LAST_ACTIVITY, today, false, problems);
            if (problems.size() > before) {
                continue;
            }
            String organisationKey = null;
            if (!organisation.isEmpty()) {
                organisationKey = organisationKey(organisation, businessId, organisations);
                if (!organisations.containsKey(organisationKey)) {
                    newOrganisations.putIfAbsent(organisationKey,
                            new NewOrganisation(organisation, businessId.isEmpty() ? null : businessId));
                }
            }
            Planned row1 = new Planned(row, null, name, email.strip(), normalised, organisationKey,
                    role.isEmpty() ? null : role, language.isEmpty() ? null : language, source,
                    Boolean.TRUE.equals(newsletter), channel, consentAt, lastActivity, contact);
            Outcome outcome = contact == null ? Outcome.CREATE
                    : changes(row1, contact, organisations) ? Outcome.UPDATE : Outcome.UNCHANGED;
            planned.add(new Planned(row, outcome, row1.name(), row1.email(), normalised, organisationKey,
                    row1.role(), row1.language(), source, row1.newsletter(), channel, consentAt, lastActivity,
                    contact));
        }
        return new Plan(content, planned, problems, newOrganisations, organisations);
    }

    private static boolean changes(Planned row, Existing contact, Map<String, Long> organisations) {
        return !row.name().equals(contact.name())
                || row.role() != null && !row.role().equals(contact.role())
                || row.language() != null && !row.language().equals(contact.language())
                || row.organisationKey() != null
                && !Objects.equals(organisations.get(row.organisationKey()), contact.organisationId())
                || laterActivity(row, contact)
                || row.newsletter() && !contact.consentHistory();
    }

    private static boolean laterActivity(Planned row, Existing contact) {
        return row.lastActivityAt() != null && (contact.lastActivityAt() == null
                || row.lastActivityAt().isAfter(contact.lastActivityAt().toInstant()));
    }

    /** Organisations are matched by business id where the file has one, otherwise by name in any letter case. */
    private static String organisationKey(String name, String businessId, Map<String, Long> organisations) {
        String byName = "name:" + name.toLowerCase(Locale.ROOT);
        if (!businessId.isEmpty()) {
            String byId = "id:" + businessId.toUpperCase(Locale.ROOT);
            if (organisations.containsKey(byId) || !organisations.containsKey(byName)) {
                return byId;
            }
        }
        return byName;
    }

    private void write(Plan plan) {
        Instant now = clock.instant();
        Timestamp nowStamp = Timestamp.from(now);
        Map<String, Long> organisations = new HashMap<>(plan.organisations());
        plan.newOrganisations().forEach((key, org) -> {
            long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                            insert into organisation (name, kind, business_id, created_at)
                            values (:name, 'OTHER', :businessId, :at)""")
                    .param("name", org.name()).param("businessId", org.businessId(), Types.VARCHAR)
                    .param("at", now.atOffset(ZoneOffset.UTC)));
            organisations.put(key, id);
            organisations.putIfAbsent("name:" + org.name().toLowerCase(Locale.ROOT), id);
        });
        List<Planned> created = plan.rows().stream().filter(p -> p.outcome() == Outcome.CREATE).toList();
        List<Planned> updated = plan.rows().stream().filter(p -> p.outcome() == Outcome.UPDATE).toList();
        batch("""
                insert into contact (name, email, email_normalised, organisation_id, role, language, source,
                    created_at, last_activity_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", created, (ps, p) -> {
            ps.setString(1, p.name());
            ps.setString(2, p.email());
            ps.setString(3, p.normalised());
            setLong(ps, 4, p.organisationKey() == null ? null : organisations.get(p.organisationKey()));
            ps.setString(5, p.role());
            ps.setString(6, p.language() == null ? "fi" : p.language());
            ps.setString(7, p.source());
            ps.setTimestamp(8, nowStamp);
            ps.setTimestamp(9, p.lastActivityAt() == null ? null : Timestamp.from(p.lastActivityAt()));
        });
        batch("""
                update contact set name = ?, role = coalesce(?, role), language = coalesce(?, language),
                    organisation_id = coalesce(?, organisation_id), last_activity_at = ?
                where id = ?""", updated, (ps, p) -> {
            Existing contact = p.existing();
            ps.setString(1, p.name());
            ps.setString(2, p.role());
            ps.setString(3, p.language());
            setLong(ps, 4, p.organisationKey() == null ? null : organisations.get(p.organisationKey()));
            Instant activity = laterActivity(p, contact) ? p.lastActivityAt()
                    : contact.lastActivityAt() == null ? null : contact.lastActivityAt().toInstant();
            ps.setTimestamp(5, activity == null ? null : Timestamp.from(activity));
            ps.setLong(6, contact.id());
        });
        List<Planned> consents = plan.rows().stream().filter(p -> p.newsletter()
                && (p.outcome() == Outcome.CREATE || p.outcome() == Outcome.UPDATE && !p.existing().consentHistory()))
                .toList();
        if (!consents.isEmpty()) {
            Map<String, Long> ids = new HashMap<>();
            jdbc.sql("select id, email_normalised from contact").query((rs, n) -> ids.put(rs.getString(2), rs.getLong(1)))
                    .list();
            batch("""
                    insert into newsletter_consent_event (contact_id, kind, occurred_at, channel)
                    values (?, 'GIVEN', ?, ?)""", consents, (ps, p) -> {
                ps.setLong(1, ids.get(p.normalised()));
                ps.setTimestamp(2, Timestamp.from(p.consentAt()));
                ps.setString(3, p.consentChannel().name());
            });
        }
    }

    private interface RowSetter {
        void set(PreparedStatement ps, Planned row) throws SQLException;
    }

    private void batch(String sql, List<Planned> rows, RowSetter setter) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbcTemplate.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)), BATCH,
                    setter::set);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private Map<String, Existing> existingContacts() {
        Map<String, Existing> contacts = new HashMap<>();
        jdbc.sql("""
                        select c.id, c.email_normalised, c.name, c.role, c.language, c.organisation_id,
                            c.last_activity_at,
                            case when exists (select 1 from newsletter_consent_event e where e.contact_id = c.id)
                                then 1 else 0 end as consents
                        from contact c""")
                .query((rs, n) -> contacts.put(rs.getString("email_normalised"), new Existing(rs.getLong("id"),
                        rs.getString("name"), rs.getString("role"), rs.getString("language"),
                        (Long) rs.getObject("organisation_id", Long.class),
                        rs.getObject("last_activity_at", OffsetDateTime.class), rs.getInt("consents") == 1)))
                .list();
        return contacts;
    }

    /** Every organisation by "id:" + business id and by "name:" + lower-case name (the oldest of a name wins). */
    private Map<String, Long> existingOrganisations() {
        Map<String, Long> organisations = new HashMap<>();
        jdbc.sql("select id, name, business_id from organisation order by id")
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    String businessId = rs.getString("business_id");
                    if (businessId != null) {
                        organisations.putIfAbsent("id:" + businessId.toUpperCase(Locale.ROOT), id);
                    }
                    organisations.putIfAbsent("name:" + rs.getString("name").toLowerCase(Locale.ROOT), id);
                    return id;
                })
                .list();
        return organisations;
    }

    /** A date cell: ISO (2025-03-31) or Finnish (31.3.2025), not in the future; blank is no date unless required. */
    private static Instant date(Row<Column> row, Column column, LocalDate today, boolean required,
                                List<Problem> problems) {
        String cell = row.get(column);
        if (cell.isEmpty()) {
            if (required) {
                problems.add(problem(row, "import.row.dateMissing", column.header()));
            }
            return null;
        }
        Optional<LocalDate> date = parseDate(cell);
        if (date.isEmpty()) {
            problems.add(problem(row, "import.row.date", column.header(), cell));
            return null;
        }
        if (date.get().isAfter(today)) {
            problems.add(problem(row, "import.row.dateFuture", column.header(), cell));
            return null;
        }
        return date.get().atStartOfDay(DeadlineCalculator.HELSINKI).toInstant();
    }

    static Optional<LocalDate> parseDate(String cell) {
        // one format by the look of the cell: no exception thrown per row of a large file
        DateTimeFormatter format = cell.indexOf('.') >= 0 ? FINNISH_DATE : DateTimeFormatter.ISO_LOCAL_DATE;
        try {
            return Optional.of(LocalDate.parse(cell, format.withResolverStyle(ResolverStyle.STRICT)));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static ConsentChannel channel(String cell) {
        String key = CsvTable.key(cell);
        for (ConsentChannel channel : CONSENT_CHANNELS) {
            if (CsvTable.key(channel.name()).equals(key)) {
                return channel;
            }
        }
        return switch (key) {
            case "tilauslomake" -> ConsentChannel.ORDER_FORM;
            case "tapahtuma" -> ConsentChannel.EVENT;
            case "lomake", "tilaajalomake", "uutiskirjelomake" -> ConsentChannel.SIGN_UP_FORM;
            case "henkilokunta" -> ConsentChannel.STAFF;
            default -> null;
        };
    }

    private static Problem problem(Row<Column> row, String reason, String... args) {
        return new Problem(row.line(), reason, List.of(args));
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
