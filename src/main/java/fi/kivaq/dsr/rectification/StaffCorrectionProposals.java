package fi.kivaq.dsr.rectification;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

/**
 * A correction started by staff from the register view: a rectification request for the contact, with the proposed
 * values, that then takes the same path as any other (decision, register change, recipients told, signed letter to
 * the person). Showing the form is a view of the contact's data, and a proposal a step of its processing: both
 * are audited, in the transaction of what they record.
 */
@Service
class StaffCorrectionProposals {

    /** A staff proposal: the request filed, or why not (then nothing is filed), with the contact's current values. */
    record Proposal(DsrRequest request, Map<Field, String> current, DecisionProblems problems) {
    }

    private final RectificationRecords records;
    private final RequestIntake intake;
    private final AuditLog audit;
    private final Clock clock;

    StaffCorrectionProposals(RectificationRecords records, RequestIntake intake, AuditLog audit, Clock clock) {
        this.records = records;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    /** The contact's current value of every field (empty when the contact does not exist). */
    Map<Field, String> currentValues(long contactId) {
        return records.currentValues(contactId);
    }

    /** The current values for the proposal form, the view audited; the contact must exist. */
    @Transactional
    Map<Field, String> formFor(long contactId, String staffUser) {
        Map<Field, String> current = records.currentValues(contactId);
        if (current.isEmpty()) {
            throw new ContactNotFound(contactId);
        }
        audit.recordForContact(staffUser, AuditLog.Action.VIEW_CONTACT, AuditLog.Purpose.ACCURACY, contactId, null);
        return current;
    }

    @Transactional
    Proposal propose(long contactId, Map<Field, String> newValues, ReceivedVia receivedVia, String note,
                     String staffUser) {
        Map<Field, String> current = records.currentValues(contactId);
        if (current.isEmpty()) {
            throw new ContactNotFound(contactId);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Field, String> wanted = RequestedValues.of(newValues, current, problems);
        if (wanted.isEmpty() && problems.isEmpty()) {
            problems.put("decision", "rectification.error.nothingRequested");
        }
        String details = note == null ? "" : note.strip();
        if (details.length() > RectificationDecisions.MAX_REASON) {
            problems.put("note", "rectification.error.tooLong");
        }
        if (!problems.isEmpty()) {
            return new Proposal(null, current, new DecisionProblems(problems));
        }
        Language language = Language.fromCode(current.get(Field.LANGUAGE)).orElse(Language.DEFAULT);
        DsrRequest filed = intake.fileForContactByStaff(new NewRequest(RequestType.RECTIFICATION,
                current.get(Field.EMAIL), current.get(Field.NAME), language, details.isEmpty() ? null : details,
                RequestChannel.STAFF, clock.instant()), contactId, receivedVia, staffUser);
        wanted.forEach((field, value) -> records.insertChange(filed.id(), field, current.get(field), value,
                RequestedChange.Decision.PROPOSED));
        audit.recordForContact(staffUser, AuditLog.Action.PROPOSE_CORRECTION, contactId, filed.reference());
        return new Proposal(filed, current, DecisionProblems.none());
    }
}
