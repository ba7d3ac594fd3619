package fi.kivaq.dsr.erasure;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * GDPR Art. 17: erasing a person from the register, telling the requester what was erased and what is kept, and
 * finally reducing the request's own records to what accountability needs.
 */
@Service
public class Erasure {

    public enum Scope { FULL, PARTIAL, NOTHING_HELD }

    /** Thrown while mails about the request are still waiting in the outbox: the clean-up must not blank them. */
    public static class MailsStillPending extends RuntimeException {
        MailsStillPending(long count) {
            super(count + " mail(s) of the request are not sent yet; personal data is reduced after they are");
        }
    }

    private static final String ERASED = "(erased)";

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final ContactRegister register;
    private final NewsletterSuppression suppression;
    private final SubcontractorNotifications notifications;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final Clock clock;

    Erasure(JdbcClient jdbc, RequestRepository requests, ContactRegister register, NewsletterSuppression suppression,
            SubcontractorNotifications notifications, ResponseLetters letters, MailOutbox outbox,
            MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.register = register;
        this.suppression = suppression;
        this.notifications = notifications;
        this.letters = letters;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Erases the contact with the request's verified address, in one transaction: the recipients to notify are
     * noted first, then the contact, its consents, disclosures and links go, and the address joins the
     * suppression list. With {@code keepInvoicingRecords} the invoice links stay, detached, until their purge date
     * (Accounting Act); without, they go too.
     */
    @Transactional
    public Scope erase(long requestId, boolean keepInvoicingRecords) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Optional<Long> contact = request.contactId() != null ? Optional.of(request.contactId())
                : register.findContactIdByEmail(request.requesterEmail());
        suppression.suppress(request.requesterEmail());
        if (contact.isEmpty()) {
            setScope(requestId, Scope.NOTHING_HELD, null);
            return Scope.NOTHING_HELD;
        }
        long contactId = contact.get();
        // serialise with any other change to this contact (e.g. a rectification at the same moment)
        jdbc.sql("select id from contact where id = :id for update").param("id", contactId).query(Long.class).optional();
        requests.linkContact(requestId, contactId);
        notifications.prepare(requestId, contactId);

        LocalDate retainedUntil = null;
        if (keepInvoicingRecords) {
            retainedUntil = jdbc.sql("select max(purge_on) from invoice_link where contact_id = :c and purge_on > :today")
                    .param("c", contactId).param("today", LocalDate.now(clock)).query(LocalDate.class).optional()
                    .orElse(null);
            jdbc.sql("""
                            update invoice_link set customer_name = (select name from contact where id = :c), contact_id = null
                            where contact_id = :c and purge_on > :today""")
                    .param("c", contactId).param("today", LocalDate.now(clock)).update();
        }
        jdbc.sql("delete from invoice_link where contact_id = :c").param("c", contactId).update();
        // the person's other requests (e.g. from an address they no longer use) are reduced with this one's
        jdbc.sql("update dsr_request set erased_by_request_id = :r where contact_id = :c and id <> :r")
                .param("r", requestId).param("c", contactId).update();
        // consents, disclosures and one-click links go with the contact (on delete cascade)
        jdbc.sql("delete from contact where id = :c").param("c", contactId).update();
        Scope scope = retainedUntil != null ? Scope.PARTIAL : Scope.FULL;
        setScope(requestId, scope, retainedUntil);
        return scope;
    }

    /** The signed answer: what was erased, what is kept and why, and which recipients were told and have confirmed. */
    @Transactional
    public void sendLetter(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Map<String, Object> row = jdbc.sql("select erasure_scope, retained_until from dsr_request where id = :id")
                .param("id", requestId)
                .query((rs, n) -> {
                    Map<String, Object> values = new java.util.HashMap<>();
                    values.put("scope", rs.getString("erasure_scope"));
                    values.put("retainedUntil", rs.getObject("retained_until", LocalDate.class));
                    return values;
                }).single();
        Scope scope = Scope.valueOf((String) row.get("scope"));
        LocalDate retainedUntil = (LocalDate) row.get("retainedUntil");
        var locale = request.language().locale();
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(messages.getMessage("erasure.dateFormat", null, locale), locale);

        List<String> told = notifications.recipientLines(requestId, "erasure", locale);
        List<String> changes = new ArrayList<>();
        changes.add(messages.getMessage("erasure.change." + scope.name(), null, locale));
        if (scope == Scope.PARTIAL) {
            changes.add(messages.getMessage("erasure.change.kept", new Object[] {dates.format(retainedUntil)}, locale));
        }
        LetterContent base = letters.contentFor(request, scope == Scope.PARTIAL ? LetterType.ERASURE_PARTIAL : LetterType.ERASURE_DONE);
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(),
                scope == Scope.PARTIAL ? messages.getMessage("erasure.ground.accountingAct", null, locale) : null,
                retainedUntil, told, changes, null);
        OutgoingMail.Attachment letter = letters.issue(requestId, content);
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "erasure-answer", request.language().code(),
                Map.of("reference", request.reference())).withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    /**
     * Afterwards: every request of this address keeps its reference, type, dates and outcome, but its address,
     * name and details, its mails' bodies and its letters' contents are removed; the address is replaced by its
     * keyed hash. Runs only once every mail about the request has been sent.
     */
    @Transactional
    public void reduceRequestData(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        if (request.requesterEmail() == null) {
            return;
        }
        String normalised = EmailAddresses.normalise(request.requesterEmail());
        List<Long> requestIds = jdbc.sql("""
                        select id from dsr_request
                        where requester_email_normalised = :e or erased_by_request_id = :id or id = :id""")
                .param("e", normalised).param("id", requestId).query(Long.class).list();
        long pending = jdbc.sql("""
                        select count(*) from outbox_mail where status in ('PENDING', 'SENDING')
                        and (request_id in (:ids) or lower(recipient) = :e)""")
                .param("ids", requestIds).param("e", normalised).query(Long.class).single();
        if (pending > 0) {
            throw new MailsStillPending(pending);
        }
        jdbc.sql("""
                        update outbox_mail set recipient = :erased, subject = :erased, text_body = :erased,
                            html_body = null, list_unsubscribe_url = null, attachment = null
                        where request_id in (:ids) or lower(recipient) = :e""")
                .param("erased", ERASED).param("ids", requestIds).param("e", normalised).update();
        jdbc.sql("update response_letter set content = :empty where request_id in (:ids)")
                .param("empty", new byte[0]).param("ids", requestIds).update();
        jdbc.sql("delete from verification_token where request_id in (:ids)").param("ids", requestIds).update();
        // what a rectification changed from and to, and the reason staff wrote to the person
        jdbc.sql("update rectification_change set current_value = null, new_value = :erased where request_id in (:ids)")
                .param("erased", ERASED).param("ids", requestIds).update();
        jdbc.sql("update rectification_decision set reason = null where request_id in (:ids)")
                .param("ids", requestIds).update();
        jdbc.sql("""
                        update dsr_request set requester_email = null, requester_name = null, details = null,
                            requester_email_normalised = :hash, personal_data_reduced_at = :now
                        where id in (:ids)""")
                .param("hash", suppression.keyedHash(normalised))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("ids", requestIds).update();
    }

    private void setScope(long requestId, Scope scope, LocalDate retainedUntil) {
        jdbc.sql("update dsr_request set erasure_scope = :scope, retained_until = :until where id = :id")
                .param("scope", scope.name()).param("until", retainedUntil).param("id", requestId).update();
    }
}
