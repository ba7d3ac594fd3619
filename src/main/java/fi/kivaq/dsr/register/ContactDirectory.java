package fi.kivaq.dsr.register;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.subcontractor.DisclosureLog;

/**
 * The staff's read-only view of the register: a search by part of a name, an address or an organisation, and
 * everything held about one contact. A restricted contact (GDPR Art. 18), or one whose objection to customer
 * relationship management was upheld (Art. 21(1), {@link ObjectedUse#CUSTOMER_RELATIONSHIP}), is neither found nor
 * shown. Portable SQL
 * for H2 and PostgreSQL.
 */
@Repository
public class ContactDirectory {

    /** A search lists at most this many contacts, newest activity first. */
    public static final int MAX_RESULTS = 50;
    /** Shorter terms would list much of the register: staff should not browse it, only look someone up. */
    public static final int MIN_TERM_LENGTH = 2;
    /** As long as the longest searchable value (an e-mail address). */
    public static final int MAX_TERM_LENGTH = 254;

    private static final char LIKE_ESCAPE = '\\';

    /** One contact in a search result. */
    public record Match(long id, String name, String email, String organisation, String language, boolean subscribed) {
    }

    /** @param more whether more than {@link #MAX_RESULTS} contacts matched (only the first are listed) */
    public record SearchResult(List<Match> matches, boolean more) {
    }

    public record Contact(long id, String name, String email, String role, String organisation, String language,
                          String source, OffsetDateTime createdAt, OffsetDateTime lastActivityAt) {
    }

    public record ConsentEvent(String kind, String channel, OffsetDateTime occurredAt) {
    }

    public record Disclosure(String subcontractor, String subcontractorKind, OffsetDateTime disclosedAt, String purpose) {
    }

    public record InvoiceLink(String invoiceNumber, LocalDate invoiceDate, LocalDate purgeOn) {
    }

    public record LinkedRequest(String reference, String type, String status, OffsetDateTime receivedAt) {
    }

    /**
     * Everything the register holds about one contact; lists newest first.
     *
     * @param subscribed the current newsletter state: the newest consent event's
     */
    public record ContactDetails(Contact contact, boolean subscribed, List<ConsentEvent> consentHistory,
                                 List<Disclosure> disclosures, List<InvoiceLink> invoices,
                                 List<LinkedRequest> requests) {
    }

    private record ContactRow(Contact contact, String emailNormalised) {
    }

    private final JdbcClient jdbc;
    private final ContactRegister register;
    private final DisclosureLog disclosureLog;
    private final RequestRepository requestRepository;

    ContactDirectory(JdbcClient jdbc, ContactRegister register, DisclosureLog disclosureLog,
                     RequestRepository requestRepository) {
        this.jdbc = jdbc;
        this.register = register;
        this.disclosureLog = disclosureLog;
        this.requestRepository = requestRepository;
    }

    /**
     * Contacts whose name, e-mail address or organisation's name contains the term, in any letter case; {@code %}
     * and {@code _} in the term are plain characters.
     *
     * @param term {@link #MIN_TERM_LENGTH} to {@link #MAX_TERM_LENGTH} characters, already stripped
     */
    public SearchResult search(String term) {
        if (term.length() < MIN_TERM_LENGTH || term.length() > MAX_TERM_LENGTH) {
            throw new IllegalArgumentException("a search term needs " + MIN_TERM_LENGTH + " to " + MAX_TERM_LENGTH
                    + " characters");
        }
        // The subscription column is ContactRegister.isSubscribed as a subquery (newest event wins), so that one
        // search is one statement rather than one more per contact listed.
        List<Match> matches = jdbc.sql("""
                        select c.id, c.name, c.email, o.name as org_name, c.language,
                            (select e.kind from newsletter_consent_event e where e.contact_id = c.id
                             order by e.occurred_at desc, e.id desc fetch first 1 rows only) as consent
                        from contact c left join organisation o on o.id = c.organisation_id
                        where c.restricted_by_request_id is null and %s
                          and (lower(c.name) like lower(:pattern) escape '\\'
                           or lower(c.email) like lower(:pattern) escape '\\'
                           or lower(o.name) like lower(:pattern) escape '\\')
                        order by coalesce(c.last_activity_at, c.created_at) desc, c.id desc
                        fetch first %d rows only""".formatted(
                        ContactRegister.notObjectedTo("c", ObjectedUse.CUSTOMER_RELATIONSHIP), MAX_RESULTS + 1))
                .param("pattern", "%" + escapeLike(term) + "%")
                .query((rs, i) -> new Match(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("org_name"), rs.getString("language"), "GIVEN".equals(rs.getString("consent"))))
                .list();
        boolean more = matches.size() > MAX_RESULTS;
        return new SearchResult(more ? List.copyOf(matches.subList(0, MAX_RESULTS)) : matches, more);
    }

    /**
     * Everything held about the contact, or empty if there is no such contact (any more) or its processing is
     * restricted (GDPR Art. 18): a restricted contact is seen only through its restriction request
     * ({@link ContactRegister#restrictedBy}).
     */
    public Optional<ContactDetails> details(long contactId) {
        if (register.restrictedBy(contactId).isPresent()
                || register.useStoppedBy(contactId, ObjectedUse.CUSTOMER_RELATIONSHIP).isPresent()) {
            return Optional.empty();
        }
        return contact(contactId).map(row -> new ContactDetails(row.contact(), register.isSubscribed(contactId),
                consentHistory(contactId), disclosures(contactId), invoices(contactId),
                requests(contactId, row.emailNormalised())));
    }

    private Optional<ContactRow> contact(long contactId) {
        return jdbc.sql("""
                        select c.id, c.name, c.email, c.email_normalised, c.role, o.name as org_name, c.language,
                            c.source, c.created_at, c.last_activity_at
                        from contact c left join organisation o on o.id = c.organisation_id
                        where c.id = :id""")
                .param("id", contactId)
                .query((rs, i) -> new ContactRow(new Contact(rs.getLong("id"), rs.getString("name"),
                        rs.getString("email"), rs.getString("role"), rs.getString("org_name"),
                        rs.getString("language"), rs.getString("source"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("last_activity_at", OffsetDateTime.class)), rs.getString("email_normalised")))
                .optional();
    }

    /** Newest first, in the order {@link ContactRegister#isSubscribed} reads the current state. */
    private List<ConsentEvent> consentHistory(long contactId) {
        return jdbc.sql("""
                        select kind, channel, occurred_at from newsletter_consent_event
                        where contact_id = :id order by occurred_at desc, id desc""")
                .param("id", contactId)
                .query((rs, i) -> new ConsentEvent(rs.getString("kind"), rs.getString("channel"),
                        rs.getObject("occurred_at", OffsetDateTime.class)))
                .list();
    }

    private List<Disclosure> disclosures(long contactId) {
        return disclosureLog.newestFirst(contactId).stream()
                .map(d -> new Disclosure(d.subcontractor(), d.subcontractorKind(), d.disclosedAt(), d.purpose()))
                .toList();
    }

    private List<InvoiceLink> invoices(long contactId) {
        return jdbc.sql("""
                        select invoice_number, invoice_date, purge_on from invoice_link
                        where contact_id = :id order by invoice_date desc, id desc""")
                .param("id", contactId)
                .query((rs, i) -> new InvoiceLink(rs.getString("invoice_number"),
                        rs.getObject("invoice_date", LocalDate.class), rs.getObject("purge_on", LocalDate.class)))
                .list();
    }

    /** Requests linked to the contact, and those from its address that were filed before it was linked or without it. */
    private List<LinkedRequest> requests(long contactId, String emailNormalised) {
        return requestRepository.linkedToContact(contactId, emailNormalised).stream()
                .map(r -> new LinkedRequest(r.reference(), r.type().name(), r.status().name(),
                        r.receivedAt().atOffset(ZoneOffset.UTC)))
                .toList();
    }

    /** Makes {@code %}, {@code _} and the escape character itself match literally in a LIKE pattern. */
    static String escapeLike(String term) {
        StringBuilder escaped = new StringBuilder(term.length() + 8);
        for (char c : term.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
