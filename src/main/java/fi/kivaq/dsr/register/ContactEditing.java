package fi.kivaq.dsr.register;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.subcontractor.DisclosureLog;

/**
 * Staff adding a contact by hand, and editing a contact's name, role, organisation, language and source. An address
 * changes only through a correction (rectification), which confirms the new address first. Every change is audited
 * with the names of the fields changed, never their values. Where a subcontractor received the contact's data and a
 * field it received changes, the edit is held back until staff either propose a correction instead (which tells
 * every recipient, Art. 19) or confirm saving without telling them.
 */
@Service
public class ContactEditing {

    /** The form's values; organisation is a name, matched to an existing organisation in any letter case. */
    public record Values(String name, String email, String role, String organisation, String language, String source) {
    }

    /**
     * @param contactId       the contact created or edited; null when nothing was saved
     * @param problems        field → message key, when the values are not valid (nothing saved)
     * @param recipients      the subcontractors who received the data, when the edit waits for a decision on them
     */
    public record Outcome(Long contactId, Map<String, String> problems, List<String> recipients) {

        public boolean saved() {
            return contactId != null && problems.isEmpty() && recipients.isEmpty();
        }
    }

    static final Set<String> SOURCES = Set.of("ORDER_FORM", "CONTACT_FORM", "EMAIL", "EVENT");
    private static final Set<String> LANGUAGES = Set.of("fi", "sv", "en");
    /** What a subcontractor was given: a change to these is a rectification of data they hold (Art. 19). */
    private static final Set<String> DISCLOSED_FIELDS = Set.of("name", "role", "organisation");
    private static final Pattern EMAIL =
            Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.[A-Za-z\\p{L}]{2,}$");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");

    private final JdbcClient jdbc;
    private final ContactRegister register;
    private final DisclosureLog disclosures;
    private final AuditLog audit;
    private final Clock clock;

    ContactEditing(JdbcClient jdbc, ContactRegister register, DisclosureLog disclosures, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.register = register;
        this.disclosures = disclosures;
        this.audit = audit;
        this.clock = clock;
    }

    /** The contact's current values for the edit form, or null when there is no such contact. */
    public Values current(long contactId) {
        return jdbc.sql("""
                        select c.name, c.email, c.role, o.name as org_name, c.language, c.source
                        from contact c left join organisation o on o.id = c.organisation_id where c.id = :id""")
                .param("id", contactId)
                .query((rs, n) -> new Values(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("org_name"), rs.getString("language"), rs.getString("source")))
                .optional().orElse(null);
    }

    @Transactional
    public Outcome create(Values values, String actor) {
        Map<String, String> problems = validate(values, true);
        if (problems.isEmpty() && register.findContactIdByEmail(values.email()).isPresent()) {
            problems.put("email", "staff.contact.error.emailTaken");
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems, List.of());
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into contact (name, email, email_normalised, organisation_id, role, language, source,
                            created_at, last_activity_at)
                        values (:name, :email, :normalised, :org, :role, :language, :source, :now, :now)""")
                .param("name", values.name().strip()).param("email", values.email().strip())
                .param("normalised", EmailAddresses.normalise(values.email()))
                .param("org", organisationId(values.organisation()), java.sql.Types.BIGINT)
                .param("role", blankToNull(values.role())).param("language", values.language())
                .param("source", values.source()).param("now", now));
        audit.recordForContact(actor, AuditLog.Action.CREATE_CONTACT, id, "source " + values.source());
        return new Outcome(id, Map.of(), List.of());
    }

    /**
     * @param recipientsDecided staff saw the recipients and chose to save without telling them
     */
    @Transactional
    public Outcome edit(long contactId, Values values, boolean recipientsDecided, String actor) {
        register.lockForChange(contactId);
        Values current = current(contactId);
        if (current == null) {
            throw new IllegalArgumentException("no contact " + contactId);
        }
        Map<String, String> problems = validate(values, false);
        if (!problems.isEmpty()) {
            return new Outcome(contactId, problems, List.of());
        }
        List<String> changed = new ArrayList<>();
        compare("name", current.name(), values.name(), changed);
        compare("role", current.role(), values.role(), changed);
        compare("organisation", current.organisation(), values.organisation(), changed);
        compare("language", current.language(), values.language(), changed);
        compare("source", current.source(), values.source(), changed);
        if (changed.isEmpty()) {
            return new Outcome(contactId, Map.of(), List.of());
        }
        List<String> recipients = disclosures.newestFirst(contactId).stream().map(DisclosureLog.Entry::subcontractor)
                .distinct().toList();
        if (!recipientsDecided && !recipients.isEmpty() && changed.stream().anyMatch(DISCLOSED_FIELDS::contains)) {
            return new Outcome(contactId, Map.of(), recipients);
        }
        jdbc.sql("""
                        update contact set name = :name, role = :role, organisation_id = :org, language = :language,
                            source = :source, last_activity_at = :now where id = :id""")
                .param("name", values.name().strip()).param("role", blankToNull(values.role()))
                .param("org", organisationId(values.organisation()), java.sql.Types.BIGINT)
                .param("language", values.language()).param("source", values.source())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", contactId).update();
        audit.recordForContact(actor, AuditLog.Action.EDIT_CONTACT, contactId, "changed " + String.join(", ", changed)
                + (recipientsDecided && !recipients.isEmpty() ? "; recipients not notified (staff decision)" : ""));
        return new Outcome(contactId, Map.of(), List.of());
    }

    private static void compare(String field, String before, String after, List<String> changed) {
        if (!Objects.equals(blankToNull(before), blankToNull(after))) {
            changed.add(field);
        }
    }

    private Map<String, String> validate(Values values, boolean withEmail) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = values.name() == null ? "" : values.name().strip();
        if (name.isEmpty() || name.length() > ContactImport.MAX_NAME || UNPRINTABLE.matcher(name).find()) {
            problems.put("name", "staff.contact.error.name");
        }
        if (withEmail) {
            String email = values.email() == null ? "" : values.email().strip();
            if (email.length() > ContactImport.MAX_EMAIL || !EMAIL.matcher(email).matches()) {
                problems.put("email", "staff.contact.error.email");
            }
        }
        if (values.role() != null && values.role().strip().length() > ContactImport.MAX_ROLE) {
            problems.put("role", "staff.contact.error.tooLong");
        }
        if (values.organisation() != null && values.organisation().strip().length() > ContactImport.MAX_ORGANISATION) {
            problems.put("organisation", "staff.contact.error.tooLong");
        }
        if (values.language() == null || !LANGUAGES.contains(values.language())) {
            problems.put("language", "staff.contact.error.choose");
        }
        if (values.source() == null || !SOURCES.contains(values.source())) {
            problems.put("source", "staff.contact.error.choose");
        }
        return problems;
    }

    /** The organisation of that name (any letter case), added if there is none; null for a blank name. */
    private Long organisationId(String organisation) {
        String name = blankToNull(organisation);
        if (name == null) {
            return null;
        }
        return jdbc.sql("select id from organisation where lower(name) = :name order by id fetch first 1 rows only")
                .param("name", name.toLowerCase(Locale.ROOT)).query(Long.class).optional()
                .orElseGet(() -> GeneratedKeys.insertReturningId(jdbc.sql("""
                                insert into organisation (name, kind, created_at) values (:name, 'OTHER', :now)""")
                        .param("name", name).param("now", clock.instant().atOffset(ZoneOffset.UTC))));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
