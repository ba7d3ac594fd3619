package fi.kivaq.dsr.rectification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;

/**
 * Records staff's decision on a rectification: the requested value of each field (blank: nothing requested), which
 * of them are approved, and the reason for whatever is refused (required when anything is).
 */
@Service
class RectificationDecisions {

    static final int MAX_REASON = 1000;

    private final RectificationRecords records;
    private final RequestRepository requests;

    RectificationDecisions(RectificationRecords records, RequestRepository requests) {
        this.records = records;
        this.requests = requests;
    }

    /**
     * Decided again from scratch after a conflict. Returns the problems, and changes nothing, if the decision
     * cannot stand.
     */
    @Transactional
    public DecisionProblems decide(long requestId, Map<Field, String> newValues, Set<Field> approved, String reason,
                                   String staffUser) {
        DsrRequest request = requests.get(requestId);
        Optional<Long> contact = records.contactFor(request);
        Map<Field, String> current = contact.map(records::currentValues).orElse(Map.of());
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Field, String> wanted = RequestedValues.of(newValues, current, problems);
        for (Field field : approved) {
            if (!wanted.containsKey(field) && !problems.containsKey(field.name())) {
                problems.put(field.name(), "rectification.error.approvedWithoutValue");
            }
        }
        if (!approved.isEmpty() && current.isEmpty()) {
            problems.put("decision", "rectification.error.noContact");
        }
        String approvedEmail = approved.contains(Field.EMAIL) ? wanted.get(Field.EMAIL) : null;
        if (approvedEmail != null && contact.isPresent() && records.addressTakenByAnother(approvedEmail, contact.get())) {
            problems.put(Field.EMAIL.name(), "rectification.error.emailInUse");
        }
        boolean refusesSomething = approved.isEmpty() || wanted.keySet().stream().anyMatch(f -> !approved.contains(f));
        String cleanReason = reason == null ? "" : reason.strip();
        if (refusesSomething && cleanReason.isEmpty()) {
            problems.put("reason", "rectification.error.reasonRequired");
        } else if (cleanReason.length() > MAX_REASON) {
            problems.put("reason", "rectification.error.tooLong");
        }
        if (!problems.isEmpty()) {
            return new DecisionProblems(problems);
        }
        records.deleteDecision(requestId);
        wanted.forEach((field, value) -> records.insertChange(requestId, field, current.get(field), value,
                approved.contains(field) ? RequestedChange.Decision.APPROVED : RequestedChange.Decision.REFUSED));
        records.insertDecision(requestId, contact.orElse(null), cleanReason.isEmpty() ? null : cleanReason, staffUser);
        contact.ifPresent(c -> requests.linkContact(requestId, c));
        return DecisionProblems.none();
    }
}
