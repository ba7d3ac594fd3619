package fi.kivaq.dsr.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.persistence.GeneratedKeys;
import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.EmailAddresses;
import fi.kivaq.dsr.register.NewsletterLinks;

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

    public boolean isSubscribed(long contactId) {
        return register.isSubscribed(contactId);
    }

    /** The path of a fresh one-click unsubscribe link, as a newsletter would carry it. */
    public String unsubscribePath(long contactId) {
        String url = transaction.execute(status -> links.newUnsubscribeUrl(contactId));
        return url.substring(url.indexOf("/unsubscribe/"));
    }
}
