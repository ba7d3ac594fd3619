package fi.kivaq.dsr.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.erasure.Erasure;
import fi.kivaq.dsr.register.InactiveContacts;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.RetentionPolicy;

/**
 * Retention reviews of contacts (Art. 5(1)(e)): a contact without activity for {@code dsr.retention.inactive-contacts}
 * is due for review; staff keep it (with a reason and the next review date) or erase it through the erasure module,
 * as an erasure request would, without a letter, telling every recipient of the person's data (Art. 19). The manager's dashboard shows {@link #dueCount()}.
 */
@Service
public class RetentionReviews {

    /** Largest keep reason. */
    static final int MAX_REASON = 1000;
    private static final int CHUNK = 500;

    /** A review due, with the contact as the page shows it. */
    record DueReview(long contactId, LocalDate dueSince, InactiveContacts.Summary contact) {
    }

    /** Why a keep or an erase was refused (the page shows the message in the staff member's language). */
    enum Refusal {
        NOT_DUE, REASON_MISSING, REASON_TOO_LONG, REVIEW_DATE_INVALID, MAILS_WAITING, NOT_CONFIRMED
    }

    private final JdbcClient jdbc;
    private final InactiveContacts contacts;
    private final RequestRepository requests;
    private final Erasure erasure;
    private final AuditLog audit;
    private final RetentionPolicy policy;
    private final Clock clock;

    RetentionReviews(JdbcClient jdbc, InactiveContacts contacts, RequestRepository requests, Erasure erasure,
                     AuditLog audit, RetentionPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.requests = requests;
        this.erasure = erasure;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    /** How many contacts wait for a retention review decision. */
    public long dueCount() {
        return jdbc.sql("select count(*) from retention_review where status = 'DUE'").query(Long.class).single();
    }

    /** The reviews due, oldest first. */
    List<DueReview> due(int limit) {
        List<Map.Entry<Long, LocalDate>> rows = jdbc.sql("""
                        select contact_id, due_since from retention_review where status = 'DUE'
                        order by due_since, contact_id fetch first %d rows only""".formatted(limit))
                .query((rs, i) -> Map.entry(rs.getLong("contact_id"), rs.getObject("due_since", LocalDate.class)))
                .list();
        List<DueReview> due = new ArrayList<>();
        rows.forEach(row -> contacts.summary(row.getKey())
                .ifPresent(summary -> due.add(new DueReview(row.getKey(), row.getValue(), summary))));
        return due;
    }

    Optional<LocalDate> nextReviewOf(long contactId) {
        return jdbc.sql("select next_review_on from retention_review where contact_id = :c and status = 'KEPT'")
                .param("c", contactId).query(LocalDate.class).optional();
    }

    /**
     * Brings the reviews up to date: contacts newly inactive become due, kept ones whose review date came and who
     * are still inactive become due again, and a due (or kept) contact who became active again leaves the list.
     *
     * @return how many reviews became due
     */
    @Transactional
    public int raiseDue(LocalDate today) {
        Instant cutOff = RetentionPolicy.cutOff(today, policy.inactiveContacts());
        List<Long> inactive = contacts.inactiveSince(cutOff);
        Set<Long> candidates = new HashSet<>(inactive);
        for (int i = 0; i < inactive.size(); i += CHUNK) {
            requests.contactsWithRequestsSince(inactive.subList(i, Math.min(inactive.size(), i + CHUNK)), cutOff)
                    .forEach(candidates::remove);
        }
        Map<Long, Row> existing = jdbc.sql("select contact_id, status, next_review_on from retention_review")
                .query((rs, i) -> new Row(rs.getLong("contact_id"), rs.getString("status"),
                        rs.getObject("next_review_on", LocalDate.class)))
                .list().stream().collect(Collectors.toMap(Row::contactId, row -> row));
        int raised = 0;
        for (Row row : existing.values()) {
            boolean reviewTime = "DUE".equals(row.status()) || !row.nextReviewOn().isAfter(today);
            if (!reviewTime) {
                continue;
            }
            if (!candidates.contains(row.contactId())) {
                jdbc.sql("delete from retention_review where contact_id = :c").param("c", row.contactId()).update();
            } else if ("KEPT".equals(row.status())) {
                jdbc.sql("update retention_review set status = 'DUE', due_since = :today where contact_id = :c")
                        .param("today", today).param("c", row.contactId()).update();
                raised++;
            }
        }
        for (Long contactId : candidates) {
            if (!existing.containsKey(contactId)) {
                jdbc.sql("insert into retention_review (contact_id, status, due_since) values (:c, 'DUE', :today)")
                        .param("c", contactId).param("today", today).update();
                raised++;
            }
        }
        return raised;
    }

    private record Row(long contactId, String status, LocalDate nextReviewOn) {
    }

    /**
     * Keeps the contact until {@code nextReview}: after today, and no later than one inactivity period ahead.
     *
     * @return why it was refused, or empty when kept
     */
    @Transactional
    public Optional<Refusal> keep(long contactId, String reason, LocalDate nextReview, String staffUser) {
        LocalDate today = today();
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty()) {
            return Optional.of(Refusal.REASON_MISSING);
        }
        if (trimmed.length() > MAX_REASON) {
            return Optional.of(Refusal.REASON_TOO_LONG);
        }
        if (nextReview == null || !nextReview.isAfter(today) || nextReview.isAfter(today.plus(policy.inactiveContacts()))) {
            return Optional.of(Refusal.REVIEW_DATE_INVALID);
        }
        int kept = jdbc.sql("""
                        update retention_review set status = 'KEPT', keep_reason = :reason, next_review_on = :next,
                            decided_by = :by, decided_at = :now
                        where contact_id = :c and status = 'DUE'""")
                .param("reason", trimmed).param("next", nextReview).param("by", staffUser)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("c", contactId).update();
        if (kept == 0) {
            return Optional.of(Refusal.NOT_DUE);
        }
        audit.recordForContact(staffUser, AuditLog.Action.KEEP_AT_RETENTION_REVIEW, contactId,
                "next review " + nextReview);
        return Optional.empty();
    }

    /**
     * Erases the contact through the erasure module (every owner, the Accounting Act's invoice links kept until
     * their purge date); the review row goes with the contact.
     *
     * @return why it was refused, or empty when erased
     */
    // not one transaction with the erasure: a refused erasure rolls its own back, and the refusal is an answer here
    public Optional<Refusal> erase(long contactId, String staffUser) {
        boolean due = jdbc.sql("select count(*) from retention_review where contact_id = :c and status = 'DUE'")
                .param("c", contactId).query(Long.class).single() > 0;
        if (!due) {
            return Optional.of(Refusal.NOT_DUE);
        }
        Erasure.ReviewErasure erased;
        try {
            erased = erasure.eraseAtRetentionReview(contactId);
        } catch (Erasure.MailsStillWaiting e) {
            return Optional.of(Refusal.MAILS_WAITING);
        }
        audit.recordForContact(staffUser, AuditLog.Action.ERASE_AT_RETENTION_REVIEW, contactId, erased.reference());
        if (erased.recipientsToTell() > 0) {
            // Art. 19: the recipients in the disclosure log are being told (subcontractor_notification keeps who)
            audit.recordForContact(staffUser, AuditLog.Action.TELL_RECIPIENTS_AT_REVIEW, contactId,
                    erased.reference() + ": " + erased.recipientsToTell() + " recipients");
        }
        return Optional.empty();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
    }

    LocalDate proposedNextReview() {
        return today().plus(policy.keepAtReviewDefault());
    }
}
