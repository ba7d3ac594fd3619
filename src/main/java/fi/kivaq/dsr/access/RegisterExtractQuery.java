package fi.kivaq.dsr.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.letter.AccessExtract;
import fi.kivaq.dsr.shared.EmailAddresses;

/**
 * Reads everything the register holds about one address: the contact, its organisation (name and the person's
 * role only: never the organisation's other contacts), source, consent history, disclosures and earlier requests.
 */
@Component
class RegisterExtractQuery {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private record ContactRow(long id, String name, String email, String role, String language, String source,
                              OffsetDateTime createdAt, String organisationName) {
    }

    private final JdbcClient jdbc;

    RegisterExtractQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contact id of the address, if it is in the register. */
    Optional<Long> contactIdOf(String email) {
        return jdbc.sql("select id from contact where email_normalised = :email")
                .param("email", EmailAddresses.normalise(email)).query(Long.class).optional();
    }

    /**
     * @param excludedRequestId the request being answered: not one of the "earlier requests"
     */
    AccessExtract extract(long contactId, long excludedRequestId) {
        ContactRow contact = jdbc.sql("""
                        select c.id, c.name, c.email, c.role, c.language, c.source, c.created_at, o.name as org_name
                        from contact c left join organisation o on o.id = c.organisation_id
                        where c.id = :id""")
                .param("id", contactId)
                .query((rs, i) -> new ContactRow(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("role"), rs.getString("language"), rs.getString("source"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("org_name")))
                .single();
        AccessExtract.Organisation organisation = contact.organisationName() == null ? null
                : new AccessExtract.Organisation(contact.organisationName(), null, contact.role());
        return new AccessExtract(
                new AccessExtract.Contact(contact.name(), contact.email(), null,
                        organisation == null ? contact.role() : null, contact.language(), null),
                organisation,
                new AccessExtract.Source(sourceCode(contact.source()), helsinkiDate(contact.createdAt())),
                consentHistory(contactId),
                disclosures(contactId),
                previousRequests(contactId, contact.email(), excludedRequestId));
    }

    private List<AccessExtract.ConsentEvent> consentHistory(long contactId) {
        return jdbc.sql("""
                        select kind, occurred_at, channel from newsletter_consent_event
                        where contact_id = :id order by occurred_at, id""")
                .param("id", contactId)
                .query((rs, i) -> new AccessExtract.ConsentEvent("NEWSLETTER",
                        AccessExtract.ConsentAction.valueOf(rs.getString("kind")), instant(rs, "occurred_at"),
                        consentChannelCode(rs.getString("channel"))))
                .list();
    }

    private List<AccessExtract.Disclosure> disclosures(long contactId) {
        return jdbc.sql("""
                        select s.name, d.disclosed_at, d.purpose from disclosure d
                        join subcontractor s on s.id = d.subcontractor_id
                        where d.contact_id = :id order by d.disclosed_at, d.id""")
                .param("id", contactId)
                .query((rs, i) -> new AccessExtract.Disclosure(rs.getString("name"),
                        helsinkiDate(rs.getObject("disclosed_at", OffsetDateTime.class)), rs.getString("purpose")))
                .list();
    }

    private List<AccessExtract.PreviousRequest> previousRequests(long contactId, String email, long excluded) {
        return jdbc.sql("""
                        select reference, type, received_at, status from dsr_request
                        where (contact_id = :contact or requester_email_normalised = :email) and id <> :excluded
                          and reference is not null
                        order by received_at, id""")
                .param("contact", contactId)
                .param("email", EmailAddresses.normalise(email))
                .param("excluded", excluded)
                .query((rs, i) -> new AccessExtract.PreviousRequest(rs.getString("reference"),
                        requestTypeCode(rs.getString("type")),
                        helsinkiDate(rs.getObject("received_at", OffsetDateTime.class)),
                        statusCode(rs.getString("status"))))
                .list();
    }

    // the letter texts know these codes (docs/letters.md); anything else is printed as it is

    private static String sourceCode(String source) {
        return switch (source) {
            case "ORDER_FORM" -> "SURVEY_ORDER_FORM";
            case "EVENT" -> "EVENT_SIGN_UP";
            default -> source;
        };
    }

    private static String consentChannelCode(String channel) {
        return switch (channel) {
            case "SIGN_UP_FORM", "REQUEST_FORM" -> "WEB_FORM";
            case "ONE_CLICK" -> "UNSUBSCRIBE_LINK";
            case "EVENT" -> "EVENT_SIGN_UP";
            case "ORDER_FORM" -> "SURVEY_ORDER_FORM";
            default -> channel;
        };
    }

    private static String requestTypeCode(String type) {
        return "DELETION".equals(type) ? "ERASURE" : type;
    }

    private static String statusCode(String status) {
        return switch (status) {
            case "COMPLETED" -> "ANSWERED";
            case "AWAITING_VERIFICATION", "IN_PROGRESS" -> "OPEN";
            default -> status;
        };
    }

    private static LocalDate helsinkiDate(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(HELSINKI).toLocalDate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
