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
                              OffsetDateTime createdAt, OffsetDateTime lastActivityAt, String organisationName,
                              boolean restricted) {
    }

    private final JdbcClient jdbc;
    private final NewsletterSuppression suppression;
    private final Clock clock;
    private final List<ConsentWording> wordings;

    RegisterPersonalData(JdbcClient jdbc, NewsletterSuppression suppression, Clock clock,
                         List<ConsentWording> wordings) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.clock = clock;
        this.wordings = wordings;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.named("organisation").notPersonal("id", "name", "kind", "business_id", "created_at"),
                Table.named("contact").personal("name", "email", "email_normalised", "role")
                        .notPersonal("id", "organisation_id", "language", "source", "created_at", "last_activity_at",
                                "restricted_by_request_id"),
                Table.named("newsletter_consent_event")
                        .notPersonal("id", "contact_id", "kind", "occurred_at", "channel", "request_id")
                        // the proof of a consent (Art. 7(1)): which consent text, in which language, where
                        .notPersonal("text_version", "consent_language", "consent_source"),
                // which uses an upheld objection stopped (Art. 21(1)): codes and the objection's request
                Table.named("contact_objection").notPersonal("contact_id", "objected_use", "request_id", "upheld_at"),
                Table.named("unsubscribe_link").notPersonal("token_hash", "contact_id", "created_at"),
                // address_hash: the keyed hash of an erased person's address, as in the suppression list
                Table.named("invoice_link").personal("customer_name")
                        .notPersonal("id", "contact_id", "invoice_number", "invoice_date", "purge_on", "address_hash"),
                // a keyed hash: without the secret it cannot be tested against guessed addresses
                Table.named("newsletter_suppression").notPersonal("address_hash", "created_at"),
                // an uploaded import file between its dry run and its application
                Table.named("contact_import_file").personal("content")
                        .notPersonal("token_hash", "file_hash", "uploaded_by", "created_at"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(
                new Retention("contact fields, organisation role and source",
                        "until staff decide at a retention review, due after dsr.retention.inactive-contacts (3 years) "
                                + "without activity and without a live newsletter consent; or until erasure"),
                new Retention("newsletter consent history", "with the contact: proof of consent while it is used"),
                new Retention("one-click unsubscribe links", "with the contact"),
                new Retention("uses of the contact stopped by an upheld objection", "with the contact"),
                new Retention("invoice links (name of the invoiced customer)",
                        "6 years from the end of the calendar year in which the financial year ended (Accounting Act "
                                + "1336/1997, 2:10): purge_on, computed from the invoice date; deleted on that day"),
                new Retention("uploaded import files (CSV)",
                        "until applied or discarded, at most a day; any erasure removes every staged file"),
                new Retention("suppression hash of an erased address",
                        "while the newsletter runs: the only way to keep an erased address off it"));
    }

    /**
     * Invoice links go on their purge date (Accounting Act 2:10, {@link fi.kivaq.dsr.shared.RetentionPolicy}).
     * Contacts are never deleted here: an inactive one goes to a retention review, and staff decide. Suppression
     * hashes stay while the newsletter runs.
     */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("invoice links deleted", jdbc.sql("delete from invoice_link where purge_on <= :today")
                .param("today", due.today()).update());
    }

    /** The register is what the others refer to: it erases after them. */
    @Override
    public int getOrder() {
        return ERASES_LAST;
    }

    /**
     * The contact fields, the last activity, the organisation's name and the person's role there (never its other
     * contacts), consents, and the invoices issued to the person, also those an erasure kept under the Accounting Act
     * (found by the keyed hash of the address that asks).
     */
    @Override
    public void describe(Person person, AccessCopy copy) {
        copy.invoiceLinks(jdbc.sql("""
                        select i.invoice_number, i.invoice_date, i.purge_on, coalesce(c.name, i.customer_name) as customer
                        from invoice_link i left join contact c on c.id = i.contact_id
                        where i.contact_id = :contact or i.address_hash = :hash
                        order by i.invoice_date, i.id""")
                .param("contact", person.contactId())
                .param("hash", suppression.keyedHash(person.address()))
                .query((rs, i) -> new AccessExtract.InvoiceLink(rs.getString("invoice_number"),
                        rs.getObject("invoice_date", LocalDate.class), rs.getString("customer"),
                        rs.getObject("purge_on", LocalDate.class)))
                .list());
        if (person.contactId() == null) {
            return;
        }
        long contactId = person.contactId();
        jdbc.sql("""
                        select c.name, c.email, c.role, c.language, c.source, c.created_at, c.last_activity_at,
                            o.name as org_name, c.restricted_by_request_id
                        from contact c left join organisation o on o.id = c.organisation_id
                        where c.id = :id""")
                .param("id", contactId)
                .query((rs, i) -> new ContactRow(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("language"), rs.getString("source"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("last_activity_at", OffsetDateTime.class), rs.getString("org_name"),
                        rs.getObject("restricted_by_request_id") != null))
                .optional()
                .ifPresent(contact -> {
                    AccessExtract.Organisation organisation = contact.organisationName() == null ? null
                            : new AccessExtract.Organisation(contact.organisationName(), null, contact.role());
                    copy.contact(new AccessExtract.Contact(contact.name(), contact.email(), null,
                                    organisation == null ? contact.role() : null, contact.language(), null,
                                    helsinkiDate(contact.lastActivityAt()), contact.restricted(),
                                    jdbc.sql("""
                                                    select objected_use from contact_objection where contact_id = :id
                                                    order by objected_use""")
                                            .param("id", contactId).query(String.class).list()),
                            organisation,
                            new AccessExtract.Source(sourceCode(contact.source()), helsinkiDate(contact.createdAt())));
                });
        // each consent with what it was given to (Art. 7(1)): the text version, its language, where, and its words
        copy.consentHistory(jdbc.sql("""
                        select kind, occurred_at, channel, text_version, consent_language, consent_source
                        from newsletter_consent_event where contact_id = :id order by occurred_at, id""")
                .param("id", contactId)
                .query((rs, i) -> new AccessExtract.ConsentEvent("NEWSLETTER",
                        AccessExtract.ConsentAction.valueOf(rs.getString("kind")), instant(rs, "occurred_at"),
                        consentChannelCode(rs.getString("channel")), rs.getString("text_version"),
                        rs.getString("consent_language"), rs.getString("consent_source"),
                        wording(rs.getString("text_version"), rs.getString("consent_language"))))
                .list());
    }

    /**
     * The contact goes with its consents and links, and its address (and the address that asked, if another) joins
     * the suppression list. An address the register never held gets no suppression entry: there is nothing to keep
     * off the newsletter, and the keyed hash would itself be data held about the address. Invoice links stay,
     * detached and with the customer's name, until their purge date when staff found the Accounting Act applies;
     * otherwise they go too.
     */
    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        // a staged import file may hold the person: staff upload it again after the erasure, which then skips them
        jdbc.sql("delete from contact_import_file").update();
        if (erasure.person().contactId() == null) {
            return Optional.empty();
        }
        long contactId = erasure.person().contactId();
        suppression.suppress(erasure.person().address());
        jdbc.sql("select email from contact where id = :c").param("c", contactId).query(String.class).optional()
                .ifPresent(suppression::suppress);
        LocalDate today = LocalDate.now(clock);
        Optional<LocalDate> keptUntil = Optional.empty();
        if (erasure.keepRecordsTheLawRequires()) {
            keptUntil = jdbc.sql("select max(purge_on) from invoice_link where contact_id = :c and purge_on > :today")
                    .param("c", contactId).param("today", today).query(LocalDate.class).optional();
            jdbc.sql("""
                            update invoice_link set customer_name = (select name from contact where id = :c), contact_id = null,
                                address_hash = :hash
                            where contact_id = :c and purge_on > :today""")
                    .param("c", contactId).param("today", today)
                    .param("hash", suppression.keyedHash(erasure.person().address())).update();
        }
        jdbc.sql("delete from invoice_link where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from newsletter_consent_event where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from unsubscribe_link where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from contact_objection where contact_id = :c").param("c", contactId).update();
        jdbc.sql("delete from contact where id = :c").param("c", contactId).update();
        return keptUntil;
    }

    private String wording(String version, String language) {
        if (version == null || language == null) {
            return null;
        }
        return wordings.stream().map(w -> w.wording(version, language)).flatMap(Optional::stream).findFirst()
                .orElse(null);
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
