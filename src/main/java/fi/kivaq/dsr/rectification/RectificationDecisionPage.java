package fi.kivaq.dsr.rectification;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The staff page where a rectification is decided, as use cases: show it (audited: it puts the register's values
 * beside the request) and save the decision, which records it and completes the Tasklist task in one transaction.
 */
@Service
class RectificationDecisionPage {

    /** What the page shows. */
    record Page(DsrRequest request, Map<Field, String> current, Long contactId, Map<Field, String> proposed,
                Set<Field> approved, String reason, Map<String, String> problems, List<RequestedChange> changes,
                RectificationDecision decision, boolean open) {

        Map<String, Object> asModel() {
            Map<String, Object> model = new HashMap<>();
            model.put("request", request);
            model.put("fields", Field.values());
            model.put("current", current);
            model.put("contactId", contactId);
            model.put("proposed", proposed);
            model.put("approved", approved);
            model.put("reason", reason);
            model.put("problems", problems);
            model.put("changes", changes);
            model.put("decision", decision);
            model.put("open", open);
            return model;
        }
    }

    /** What staff submitted: the requested value of each field, the approved ones and the reason. */
    record Form(Map<Field, String> values, Set<Field> approved, String reason) {
    }

    /** The answer to a save: done, or the page again with the status that says why not. */
    record Saved(HttpStatus status, Page page) {
        boolean done() {
            return page == null;
        }
    }

    private final RequestRepository requests;
    private final RectificationRecords records;
    private final RectificationDecisions decisions;
    private final DecisionTask task;
    private final AuditLog audit;

    RectificationDecisionPage(RequestRepository requests, RectificationRecords records,
                              RectificationDecisions decisions, DecisionTask task, AuditLog audit) {
        this.requests = requests;
        this.records = records;
        this.decisions = decisions;
        this.task = task;
        this.audit = audit;
    }

    /** The Tasklist form knows only the request id; the page is addressed by reference. */
    String referenceOf(long requestId) {
        return requests.get(requestId).reference();
    }

    @Transactional
    public Page show(String reference, String staffUser) {
        DsrRequest request = rectification(reference);
        audit.record(staffUser, AuditLog.Action.VIEW_RECTIFICATION, request, "register values beside the request");
        Map<Field, String> proposed = new java.util.EnumMap<>(Field.class);
        Set<Field> approved = EnumSet.noneOf(Field.class);
        for (RequestedChange change : records.changes(request.id())) {
            proposed.put(change.field(), change.newValue());
            if (change.decision() == RequestedChange.Decision.APPROVED) {
                approved.add(change.field());
            }
        }
        String reason = records.decision(request.id()).map(RectificationDecision::reason).orElse("");
        return page(request, new Form(proposed, approved, reason), Map.of());
    }

    @Transactional
    public Saved save(String reference, Form form, String staffUser) {
        DsrRequest request = rectification(reference);
        Optional<Task> open = task.open(reference);
        if (open.isEmpty()) {
            return new Saved(HttpStatus.CONFLICT, page(request, form, Map.of("decision", "rectification.error.noTask")));
        }
        DecisionProblems problems = decisions.decide(request.id(), form.values(), form.approved(), form.reason(),
                staffUser);
        if (!problems.isEmpty()) {
            return new Saved(HttpStatus.BAD_REQUEST, page(request, form, problems.byField()));
        }
        audit.record(staffUser, AuditLog.Action.DECIDE_RECTIFICATION, request,
                "approved " + form.approved().stream().map(Field::name).toList());
        task.complete(open.get(), staffUser);
        return new Saved(HttpStatus.SEE_OTHER, null);
    }

    private Page page(DsrRequest request, Form form, Map<String, String> problems) {
        Optional<Long> contact = records.contactFor(request);
        return new Page(request, contact.map(records::currentValues).orElse(Map.of()), contact.orElse(null),
                form.values(), form.approved(), form.reason(), problems, records.changes(request.id()),
                records.decision(request.id()).orElse(null), task.open(request.reference()).isPresent());
    }

    private DsrRequest rectification(String reference) {
        DsrRequest request = requests.get(reference);
        if (request.type() != RequestType.RECTIFICATION) {
            throw new RectificationNotFound(reference);
        }
        return request;
    }
}
