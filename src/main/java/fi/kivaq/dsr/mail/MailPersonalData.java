package fi.kivaq.dsr.mail;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** The outbox: every mail's recipient, subject, bodies and attachment, and the SMTP server's last error about it. */
@Component
class MailPersonalData implements PersonalDataOwner {

    private static final String ERASED = "(erased)";

    private final JdbcClient jdbc;

    MailPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("outbox_mail")
                // an SMTP error usually repeats the recipient's address
                .personal("recipient", "subject", "text_body", "html_body", "list_unsubscribe_url", "attachment",
                        "last_error")
                .notPersonal("id", "request_id", "message_id", "attachment_name", "attachment_type", "status",
                        "attempts", "priority", "next_attempt_at", "locked_until", "created_at", "sent_at", "list_id"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("sent mails (recipient, subject, text)",
                "dsr.retention.outbox (1 year) after sending, then deleted; an erased person's are blanked once sent; the "
                        + "attachment and the HTML copy are dropped as soon as the mail is sent (the letter stays "
                        + "in response_letter)"));
    }

    /** A mail sent (or given up on) longer ago than its period goes whole; one still waiting never does. */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("mails deleted", jdbc.sql("""
                        delete from outbox_mail where status in ('SENT', 'FAILED') and coalesce(sent_at, created_at) < :cut""")
                .param("cut", due.cutOff(due.policy().outbox()).atOffset(java.time.ZoneOffset.UTC)).update());
    }

    /** The mails of the requests and every mail to the address (a newsletter, a link) keep only their dates. */
    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("""
                        update outbox_mail set recipient = :erased, subject = :erased, text_body = :erased,
                            html_body = null, list_unsubscribe_url = null, attachment = null, last_error = null
                        where request_id in (:ids) or lower(recipient) = :e""")
                .param("erased", ERASED).param("ids", requests.requestIds()).param("e", requests.address())
                .update();
    }
}
