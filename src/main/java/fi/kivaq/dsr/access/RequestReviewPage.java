package fi.kivaq.dsr.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestEvidence;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The staff page of one request, as use cases: show it, preview the letter, open an evidence file, add a note,
 * record a manager's refusal reason. Each runs in one transaction with its audit entry: a view is never shown
 * without being recorded.
 */
@Service
class RequestReviewPage {

    /** What the page shows. */
    record Page(DsrRequest request, ReceivedVia receivedVia, List<RequestEvidence.Item> evidence,
                AccessRequests.GatheredExtract extract, List<RequestNotes.Note> notes, List<Task> tasks,
                boolean manager, List<AuditLog.Entry> audit) {

        Map<String, Object> asModel() {
            Map<String, Object> model = new HashMap<>();
            model.put("request", request);
            model.put("receivedVia", receivedVia);
            model.put("evidence", evidence);
            model.put("extract", extract);
            model.put("notes", notes);
            model.put("tasks", tasks);
            model.put("manager", manager);
            model.put("audit", audit);
            return model;
        }
    }

    /** The letter as it would be sent, for staff to check before they approve it. */
    record Preview(String fileName, byte[] pdf) {
    }

    private final RequestRepository requests;
    private final RequestEvidence evidence;
    private final AccessRequests access;
    private final RequestNotes notes;
    private final AuditLog audit;
    private final TaskService taskService;

    RequestReviewPage(RequestRepository requests, RequestEvidence evidence, AccessRequests access, RequestNotes notes,
                      AuditLog audit, TaskService taskService) {
        this.requests = requests;
        this.evidence = evidence;
        this.access = access;
        this.notes = notes;
        this.audit = audit;
        this.taskService = taskService;
    }

    /** Tasklist forms know only the request id (a process variable); the page is addressed by reference. */
    String referenceOf(long requestId) {
        return requests.get(requestId).reference();
    }

    @Transactional
    public Page show(String reference, String staffUser, boolean manager) {
        DsrRequest request = requests.get(reference);
        Optional<AccessRequests.GatheredExtract> extract = request.type() == RequestType.ACCESS
                ? access.currentExtract(request.id()) : Optional.empty();
        // the page shows the requester's address, name and details: every view is logged (Art. 15, C-579/21)
        extract.ifPresentOrElse(e -> audit.record(staffUser, AuditLog.Action.VIEW_EXTRACT, request,
                        "staff page, extract gathered " + e.gatheredAt()),
                () -> audit.record(staffUser, AuditLog.Action.VIEW_REQUEST, request, "staff page"));
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(reference).list();
        // a refusal reason is the managers' (README, "Security"): plain staff see the notes only
        List<RequestNotes.Note> shownNotes = notes.of(request.id()).stream()
                .filter(note -> manager || note.kind() != RequestNotes.Kind.REFUSAL_REASON).toList();
        return new Page(request, requests.receivedVia(request.id()).orElse(null), evidence.of(request.id()),
                extract.orElse(null), shownNotes, tasks, manager, audit.forRequest(request.id()));
    }

    @Transactional
    public Preview letterPreview(String reference, String staffUser) {
        DsrRequest request = requests.get(reference);
        if (request.type() != RequestType.ACCESS || access.currentExtract(request.id()).isEmpty()) {
            throw new AccessPageNotFound("The request " + reference + " has no register extract to preview.");
        }
        audit.record(staffUser, AuditLog.Action.VIEW_LETTER_PREVIEW, request, "letter preview (PDF)");
        return new Preview("preview-" + request.reference() + ".pdf", access.preview(request));
    }

    @Transactional
    public RequestEvidence.File evidenceFile(String reference, long evidenceId, String staffUser) {
        DsrRequest request = requests.get(reference);
        RequestEvidence.File file = evidence.file(request.id(), evidenceId).orElseThrow(() -> new AccessPageNotFound(
                "The request " + reference + " has no evidence file " + evidenceId + "."));
        audit.record(staffUser, AuditLog.Action.VIEW_EVIDENCE, request, "evidence " + evidenceId);
        return file;
    }

    @Transactional
    public void addNote(String reference, String note, String staffUser) {
        DsrRequest request = requests.get(reference);
        notes.add(request.id(), RequestNotes.Kind.NOTE, staffUser, note);
        audit.record(staffUser, AuditLog.Action.ADD_NOTE, request, null);
    }

    /** Only a manager refuses (GDPR Art. 12(5)); the caller checked the role. The reason goes into the letter. */
    @Transactional
    public void recordRefusalReason(String reference, String reason, String manager) {
        DsrRequest request = requests.get(reference);
        access.recordRefusalReason(request.id(), manager, reason);
        audit.record(manager, AuditLog.Action.RECORD_REFUSAL_REASON, request, null);
    }
}
