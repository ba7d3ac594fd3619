package fi.kivaq.dsr.rectification;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.register.ContactField;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * The register change of a rectification, in one transaction, holding the contact's row lock (taken by
 * {@link ContactRegister#correct}): an erasure or another rectification of the same contact waits, or has already
 * happened. The recipients are noted and the change audited under the same lock.
 */
@Service
class RegisterCorrection {

    private final RectificationRecords records;
    private final ContactRegister register;
    private final RequestRepository requests;
    private final SubcontractorNotifications notifications;
    private final AuditLog audit;
    private final Clock clock;

    RegisterCorrection(RectificationRecords records, ContactRegister register, RequestRepository requests,
                       SubcontractorNotifications notifications, AuditLog audit, Clock clock) {
        this.records = records;
        this.register = register;
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
        Map<ContactField, ContactRegister.Change> changes = toApply.stream().collect(Collectors.toMap(
                c -> c.field().contactField(), c -> new ContactRegister.Change(c.currentValue(), c.newValue())));
        ContactRegister.CorrectionOutcome written = register.correct(contactId, changes);
        if (written == ContactRegister.CorrectionOutcome.GONE) {
            records.markApprovedNotApplied(requestId);
            return records.recordRegisterOutcome(requestId, RegisterOutcome.GONE);
        }
        if (written == ContactRegister.CorrectionOutcome.CONFLICT) {
            records.reopenDecision(requestId);
            return records.recordRegisterOutcome(requestId, RegisterOutcome.CONFLICT);
        }
        // the register holds the contact's row lock until this transaction ends
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
