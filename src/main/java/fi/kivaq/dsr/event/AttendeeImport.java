package fi.kivaq.dsr.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.event.AttendeeCsv.Column;
import fi.kivaq.dsr.event.Attendances.Attendee;
import fi.kivaq.dsr.event.Attendances.Outcome;
import fi.kivaq.dsr.shared.CsvTable;
import fi.kivaq.dsr.shared.EmailAddresses;

/**
 * An event's attendee list from a CSV file, with the register import's dry run: what each row would do (a new
 * contact, a contact already in the register, already recorded, skipped because the address is suppressed), every
 * invalid row with its line number and reason; then the whole file applied in one transaction, or nothing of it when
 * any row is invalid. Applying the same file again changes nothing. Audited with counts and the file's SHA-256 only.
 */
@Service
public class AttendeeImport {

    /** An invalid row (line 1: the file itself): a message key with its arguments. */
    public record Problem(int line, String reason, List<String> args) {
    }

    public record Report(String fileHash, String encoding, char separator, List<String> ignoredColumns,
                         Map<Outcome, List<Integer>> lines, List<Problem> problems, boolean applied) {

        public int count(Outcome outcome) {
            return lines.getOrDefault(outcome, List.of()).size();
        }

        public List<Integer> lines(Outcome outcome) {
            return lines.getOrDefault(outcome, List.of());
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        String auditDetail(long eventId) {
            return "event " + eventId + ", file sha256 " + fileHash + ": " + count(Outcome.CREATE) + " created, "
                    + count(Outcome.UPDATE) + " updated, " + count(Outcome.UNCHANGED) + " unchanged, "
                    + count(Outcome.SKIP_SUPPRESSED) + " suppressed, " + count(Outcome.SKIP_RESTRICTED) + " restricted, "
                    + problems.size() + " invalid";
        }
    }

    /** The columns as the page and the README document them. */
    public record Documented(String header, List<String> alsoKnownAs) {
    }

    private record Planned(int line, Attendee attendee, Outcome outcome) {
    }

    private final Attendances attendances;
    private final fi.kivaq.dsr.register.EventContacts contacts;
    private final Events events;
    private final AuditLog audit;
    private final Clock clock;

    AttendeeImport(Attendances attendances, fi.kivaq.dsr.register.EventContacts contacts, Events events, AuditLog audit,
                   Clock clock) {
        this.attendances = attendances;
        this.contacts = contacts;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public static List<Documented> columns() {
        return java.util.Arrays.stream(Column.values()).map(c -> new Documented(c.header(), c.aliases())).toList();
    }

    /** What the file would do; writes nothing but the audit entry. */
    @Transactional
    public Report dryRun(long eventId, byte[] file, String actor) {
        events.get(eventId);
        List<Problem> problems = new ArrayList<>();
        CsvTable<Column> content = AttendeeCsv.read(file);
        List<Planned> plan = plan(eventId, content, problems);
        Report report = report(file, content, plan, problems, false);
        audit.recordForRegister(actor, AuditLog.Action.IMPORT_ATTENDEES_DRY_RUN, report.auditDetail(eventId));
        return report;
    }

    /** Plans the file again against the register as it is now and, if no row is invalid, records every row. */
    @Transactional
    public Report apply(long eventId, byte[] file, String actor) {
        events.get(eventId);
        List<Problem> problems = new ArrayList<>();
        CsvTable<Column> content = AttendeeCsv.read(file);
        List<Planned> plan = plan(eventId, content, problems);
        if (!problems.isEmpty()) {
            Report refused = report(file, content, plan, problems, false);
            audit.recordForRegister(actor, AuditLog.Action.IMPORT_ATTENDEES_REFUSED, refused.auditDetail(eventId));
            return refused;
        }
        Instant now = clock.instant();
        List<Planned> done = new ArrayList<>();
        for (Planned row : plan) {
            Outcome outcome = row.outcome() == Outcome.SKIP_SUPPRESSED ? row.outcome()
                    : attendances.record(eventId, row.attendee(), now);
            done.add(new Planned(row.line(), row.attendee(), outcome));
        }
        Report applied = report(file, content, done, problems, true);
        audit.recordForRegister(actor, AuditLog.Action.IMPORT_ATTENDEES, applied.auditDetail(eventId));
        return applied;
    }

    private List<Planned> plan(long eventId, CsvTable<Column> content, List<Problem> problems) {
        if (content.problem() != null) {
            problems.add(new Problem(1, content.problem(), List.of()));
            return List.of();
        }
        Predicate<String> suppressed = contacts.suppressed();
        Map<String, Integer> firstLineOf = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (CsvTable.Row<Column> row : content.rows()) {
            String consentCell = row.get(Column.CONSENT);
            AttendeeConsent consent = consent(consentCell);
            if (consent == null) {
                problems.add(new Problem(row.line(), "event.import.row.consent", List.of(consentCell)));
                continue;
            }
            Attendee attendee = attendances.resolved(new Attendee(row.get(Column.NAME), row.get(Column.EMAIL),
                    row.get(Column.ORGANISATION), row.get(Column.LANGUAGE), consent,
                    row.get(Column.CONSENT_TEXT_VERSION)));
            if (!attendee.email().isEmpty() && suppressed.test(EmailAddresses.normalise(attendee.email()))) {
                // a suppressed address is skipped, whatever else the row says: never reported, never added
                planned.add(new Planned(row.line(), attendee, Outcome.SKIP_SUPPRESSED));
                continue;
            }
            List<Attendances.Problem> invalid = attendances.validate(attendee);
            if (!invalid.isEmpty()) {
                invalid.forEach(p -> problems.add(new Problem(row.line(), p.reason(), p.args())));
                continue;
            }
            Integer first = firstLineOf.putIfAbsent(EmailAddresses.normalise(attendee.email()), row.line());
            if (first != null) {
                problems.add(new Problem(row.line(), "event.import.row.duplicate", List.of(String.valueOf(first))));
                continue;
            }
            planned.add(new Planned(row.line(), attendee, attendances.plan(eventId, attendee, suppressed)));
        }
        return planned;
    }

    /** Blank: event communication only. */
    static AttendeeConsent consent(String cell) {
        return switch (CsvTable.key(cell)) {
            case "", "eventonly", "event", "tapahtuma", "vaintapahtuma", "evenemang", "no", "ei", "nej", "0" ->
                    AttendeeConsent.EVENT_ONLY;
            case "eventandnewsletter", "newsletter", "uutiskirje", "tapahtumajauutiskirje", "nyhetsbrev",
                 "evenemangochnyhetsbrev", "yes", "kylla", "ja", "1", "x" -> AttendeeConsent.EVENT_AND_NEWSLETTER;
            default -> null;
        };
    }

    private static Report report(byte[] file, CsvTable<Column> content, List<Planned> plan, List<Problem> problems,
                                 boolean applied) {
        Map<Outcome, List<Integer>> lines = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            lines.put(outcome, new ArrayList<>());
        }
        plan.forEach(p -> lines.get(p.outcome()).add(p.line()));
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return new Report(sha256(file), content.encoding(), content.separator(), content.ignoredColumns(), lines,
                List.copyOf(problems), applied);
    }

    static String sha256(byte[] file) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
