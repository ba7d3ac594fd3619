package fi.kivaq.dsr.rectification;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * The register change of a rectification, in one transaction, holding the contact's row lock: an erasure or another
 * rectification of the same contact waits, or has already happened.
 */
@Service
class RegisterCorrection {

    private final RectificationRecords records;
    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final SubcontractorNotifications notifications;
    private final AuditLog audit;
    private final Clock clock;

    RegisterCorrection(RectificationRecords records, JdbcClient jdbc, RequestRepository requests,
                       SubcontractorNotifications notifications, AuditLog audit, Clock clock) {
        this.records = records;
        this.jdbc = jdbc;
        this.requests = requests;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Applies the approved changes. A change whose field no longer has the value staff decided on is a conflict:
     * nothing is written and the decision goes back to staff. When anything changed, every recipient in the
     * disclosure log is noted for notification in the same transaction.
     */
    @Transactional
    public RegisterOutcome apply(long requestId) {
        RectificationDecision decision = records.decision(requestId).orElseThrow(
                () -> new IllegalStateException("request " + requestId + " has no recorded decision to apply"));
        if (decision.addressConfirmedAt() == null) {
            // a new address is used only once its owner confirmed it
            records.markAddressChangeLapsed(requestId);
        }
        List<RequestedChange> toApply = records.changes(requestId).stream()
                .filter(c -> c.decision() == RequestedChange.Decision.APPROVED
                        && c.outcome() != RequestedChange.Outcome.LAPSED)
                .toList();
        if (toApply.isEmpty()) {
            return records.recordRegisterOutcome(requestId, RegisterOutcome.APPLIED);
        }
        long contactId = Objects.requireNonNull(decision.contactId(), "approved changes without a contact");
        Optional<Map<Field, String>> locked = jdbc.sql("""
                        select name, email, role, language from contact where id = :id for update""")
                .param("id", contactId)
                .query((rs, n) -> RectificationRecords.values(rs.getString("name"), rs.getString("email"),
                        rs.getString("role"), rs.getString("language")))
                .optional();
        if (locked.isEmpty()) {
            records.markApprovedNotApplied(requestId);
            return records.recordRegisterOutcome(requestId, RegisterOutcome.GONE);
        }
        Map<Field, String> current = locked.get();
        boolean conflict = toApply.stream().anyMatch(c -> !Objects.equals(current.get(c.field()), c.currentValue()))
                || toApply.stream().anyMatch(c -> c.field() == Field.EMAIL
                && records.addressTakenByAnother(c.newValue(), contactId));
        if (conflict) {
            records.reopenDecision(requestId);
            return records.recordRegisterOutcome(requestId, RegisterOutcome.CONFLICT);
        }
        for (RequestedChange change : toApply) {
            jdbc.sql("update contact set " + change.field().column() + " = :value where id = :id")
                    .param("value", change.newValue()).param("id", contactId).update();
            if (change.field() == Field.EMAIL) {
                jdbc.sql("update contact set email_normalised = :n where id = :id")
                        .param("n", EmailAddresses.normalise(change.newValue())).param("id", contactId).update();
                // unsubscribe links mailed to the old address no longer act on this contact
                jdbc.sql("delete from unsubscribe_link where contact_id = :id").param("id", contactId).update();
            }
        }
        records.markApprovedApplied(requestId);
        notifications.prepare(requestId, contactId);
        audit.recordForContact(decision.decidedBy(), AuditLog.Action.CHANGE_REGISTER, contactId,
                requests.get(requestId).reference() + ": " + toApply.stream().map(c -> c.field().name()).toList());
        return records.recordRegisterOutcome(requestId, RegisterOutcome.APPLIED);
    }

    /** The contact was erased before the change could be made: the erasure's letter is the answer. */
    @Transactional
    public void closeForErasedContact(long requestId) {
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }
}
