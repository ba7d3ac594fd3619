package fi.kivaq.dsr.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;

/** Puts contacts into the register for a test, through the same tables and services the application uses. */
@Component
public class TestRegister {

    private final JdbcClient jdbc;
    private final ContactRegister register;
    private final NewsletterLinks links;
    private final TransactionTemplate transaction;

    TestRegister(JdbcClient jdbc, ContactRegister register, NewsletterLinks links, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.register = register;
        this.links = links;
        this.transaction = transaction;
    }

    public long subscriber(String name, String email, String language) {
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into contact (name, email, email_normalised, language, source, created_at)
                        values (:name, :email, :normalised, :language, 'EVENT', :now)""")
                .param("name", name).param("email", email).param("normalised", EmailAddresses.normalise(email))
                .param("language", language).param("now", OffsetDateTime.now(ZoneOffset.UTC)));
        register.giveNewsletterConsent(id, ConsentChannel.EVENT);
        return id;
    }

    public long subcontractor(String name, String email, String language) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into subcontractor (name, kind, email, language, created_at)
                        values (:name, 'FACILITATOR', :email, :language, :now)""")
                .param("name", name).param("email", email).param("language", language)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)));
    }

    public void disclose(long contactId, long subcontractorId, String purpose) {
        jdbc.sql("""
                        insert into disclosure (contact_id, subcontractor_id, disclosed_at, purpose)
                        values (:contact, :subcontractor, :now, :purpose)""")
                .param("contact", contactId).param("subcontractor", subcontractorId)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC).minusDays(30)).param("purpose", purpose).update();
    }

    public void invoice(long contactId, String number, java.time.LocalDate date, java.time.LocalDate purgeOn) {
        jdbc.sql("""
                        insert into invoice_link (contact_id, invoice_number, invoice_date, purge_on)
                        values (:contact, :number, :date, :purge)""")
                .param("contact", contactId).param("number", number).param("date", date).param("purge", purgeOn)
                .update();
    }

    public long organisation(String name, String kind) {
        return GeneratedKeys.insertReturningId(jdbc.sql(
                        "insert into organisation (name, kind, created_at) values (:name, :kind, :now)")
                .param("name", name).param("kind", kind).param("now", OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** A contact person of an organisation, from the survey order form, without newsletter consent. */
    public long contactPerson(String name, String email, String language, long organisationId, String role) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into contact (name, email, email_normalised, organisation_id, role, language, source, created_at)
                        values (:name, :email, :normalised, :org, :role, :language, 'ORDER_FORM', :now)""")
                .param("name", name).param("email", email).param("normalised", EmailAddresses.normalise(email))
                .param("org", organisationId).param("role", role)
                .param("language", language).param("now", OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** Logs that the contact's data went to a (new) subcontractor. */
    public void disclosure(long contactId, String subcontractor, String purpose) {
        disclose(contactId, subcontractor(subcontractor, "facilitator@test.example", "fi"), purpose);
    }

    public boolean isSubscribed(long contactId) {
        return register.isSubscribed(contactId);
    }

    /** The path of a fresh one-click unsubscribe link, as a newsletter would carry it. */
    public String unsubscribePath(long contactId) {
        String url = transaction.execute(status -> links.newUnsubscribeUrl(contactId));
        return url.substring(url.indexOf("/unsubscribe/"));
    }
}
