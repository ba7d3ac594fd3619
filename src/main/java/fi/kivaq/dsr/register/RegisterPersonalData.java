package fi.kivaq.dsr.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The contact register's personal data: the contact, its consents, one-click links and invoice links. The
 * organisation is a customer (a legal person) and stays when one of its contacts is erased.
 */
@Component
class RegisterPersonalData implements PersonalDataOwner {

    private record ContactRow(String name, String email, String role, String language, String source,
                              OffsetDateTime createdAt, String organisationName) {
    }

    private final JdbcClient jdbc;
    private final NewsletterSuppression suppression;
    private final Clock clock;

    RegisterPersonalData(JdbcClient jdbc, NewsletterSuppression suppression, Clock clock) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.clock = clock;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.named("organisation").notPersonal("id", "name", "kind", "created_at"),
                Table.named("contact").personal("name", "email", "email_normalised", "role")
                        .notPersonal("id", "organisation_id", "language", "source", "created_at", "last_activity_at"),
                Table.named("newsletter_consent_event")
                        .notPersonal("id", "contact_id", "kind", "occurred_at", "channel", "request_id")
                        // the proof of a consent (Art. 7(1)): which consent text, in which language, where
                        .notPersonal("text_version", "consent_language", "consent_source"),
                Table.named("unsubscribe_link").notPersonal("token_hash", "contact_id", "created_at"),
                Table.named("invoice_link").personal("customer_name")
                        .notPersonal("id", "contact_id", "invoice_number", "invoice_date", "purge_on"),
                // a keyed hash: without the secret it cannot be tested against guessed addresses
                Table.named("newsletter_suppression").notPersonal("address_hash", "created_at"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(
                new Retention("contact fields, organisation role and source",
                        "as long as the customer relationship needs them (reviewed regularly), or until erasure"),
                new Retention("newsletter consent history", "with the contact: proof of consent while it is used"),
                new Retention("one-click unsubscribe links", "with the contact"),
                new Retention("invoice links (name of the invoiced customer)",
                        "6 years from the end of the financial year (Accounting Act 1336/1997): purge_on"),
                new Retention("suppression hash of an erased address",
                        "indefinitely: the only way to keep an erased address off the newsletter"));
    }

    /** The register is what the others refer to: it erases after them. */
    @Override
    public int getOrder() {
        return ERASES_LAST;
    }

    /** The contact fields, the organisation's name and the person's role there (never its other contacts), consents. */
    @Override
    public void describe(Person person, AccessCopy copy) {
        if (person.contactId() == null) {
            return;
        }
        long contactId = person.contactId();
        jdbc.sql("""
                        select c.name, c.email, c.role, c.language, c.source, c.created_at, o.name as org_name
                        from contact c left join organisation o on o.id = c.organisation_id
                        where c.id = :id""")
                .param("id", contactId)
                .query((rs, i) -> new ContactRow(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("language"), rs.getString("source"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("org_name")))
                .optional()
                .ifPresent(contact -> {
                    AccessExtract.Organisation organisation = contact.organisationName() == null ? null
                            : new AccessExtract.Organisation(contact.organisationName(), null, contact.role());
                    copy.contact(new AccessExtract.Contact(contact.name(), contact.email(), null,
                                    organisation == null ? contact.role() : null, contact.language(), null),
                            organisation,
                            new AccessExtract.Source(sourceCode(contact.source()), helsinkiDate(contact.createdAt())));
                });
        copy.consentHistory(jdbc.sql("""
                        select kind, occurred_at, channel from newsletter_consent_event
                        where contact_id = :id order by occurred_at, id""")
                .param("id", contactId)
                .query((rs, i) -> new AccessExtract.ConsentEvent("NEWSLETTER",
                        AccessExtract.ConsentAction.valueOf(rs.getString("kind")), instant(rs, "occurred_at"),
                        consentChannelCode(rs.getString("channel"))))
                .list());
    }

    /**
     * The address joins the suppression list whether or not it is in the register; the contact goes with its
     * consents and links. Invoice links stay, detached and with the customer's name, until their purge date when
     * staff found the Accounting Act applies; otherwise they go too.
     */
    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        suppression.suppress(erasure.person().address());
        if (erasure.person().contactId() == null) {
            return Optional.empty();
        }
        long contactId = erasure.person().contactId();
        LocalDate today = LocalDate.now(clock);
        Optional<LocalDate> keptUntil = Optional.empty();
        if (erasure.keepRecordsTheLawRequires()) {
            keptUntil = jdbc.sql("select max(purge_on) from invoice_link where contact_id = :c and purge_on > :today")
                    .param("c", contactId).param("today", today).query(LocalDate.class).optional();
            jdbc.sql("""
                            update invoice_link set customer_name = (select name from contact where id = :c), contact_id = null
                            where contact_id = :c and purge_on > :today""")
                    .param("c", contactId).param("today", today).update();
        }
        jdbc.sql("delete from invoice_link where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from newsletter_consent_event where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from unsubscribe_link where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from contact where id = :c").param("c", contactId).update();
        return keptUntil;
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

    private static LocalDate helsinkiDate(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
