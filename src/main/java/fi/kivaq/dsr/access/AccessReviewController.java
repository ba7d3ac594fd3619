package fi.kivaq.dsr.access;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestEvidence;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The staff page of one request: the request, its evidence, the register extract and a preview of the signed letter,
 * notes, and a manager's refusal reason. Tasklist forms link here, so that personal data never enters the engine.
 * Every view of the extract, the preview or evidence is written to the audit log.
 */
@Controller
class AccessReviewController {

    private final RequestRepository requests;
    private final RequestEvidence evidence;
    private final AccessRequests access;
    private final RequestNotes notes;
    private final AuditLog audit;
    private final TaskService taskService;

    AccessReviewController(RequestRepository requests, RequestEvidence evidence, AccessRequests access,
                           RequestNotes notes, AuditLog audit, TaskService taskService) {
        this.requests = requests;
        this.evidence = evidence;
        this.access = access;
        this.notes = notes;
        this.audit = audit;
        this.taskService = taskService;
    }

    /** Tasklist forms know only the request id (a process variable); the page is addressed by reference. */
    @GetMapping("/staff/requests/id/{id}")
    String byId(@PathVariable long id) {
        return "redirect:/staff/requests/" + requests.findById(id).orElseThrow(this::notFound).reference();
    }

    @GetMapping("/staff/requests/{reference}")
    @Transactional
    String page(@PathVariable String reference, Authentication staff, Model model) {
        DsrRequest request = request(reference);
        Optional<AccessRequests.GatheredExtract> extract = request.type() == RequestType.ACCESS
                ? access.currentExtract(request.id()) : Optional.empty();
        extract.ifPresent(e -> audit.record(staff.getName(), AuditLog.Action.VIEW_EXTRACT, request,
                "staff page, extract gathered " + e.gatheredAt()));
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(reference).list();
        model.addAttribute("request", request);
        model.addAttribute("receivedVia", requests.receivedVia(request.id()).orElse(null));
        model.addAttribute("evidence", evidence.of(request.id()));
        model.addAttribute("extract", extract.orElse(null));
        model.addAttribute("notes", notes.of(request.id()));
        model.addAttribute("tasks", tasks);
        model.addAttribute("manager", isManager(staff));
        model.addAttribute("audit", audit.forRequest(request.id()));
        return "web/staff/request";
    }

    @GetMapping("/staff/requests/{reference}/letter-preview.pdf")
    @Transactional
    ResponseEntity<byte[]> letterPreview(@PathVariable String reference, Authentication staff) {
        DsrRequest request = request(reference);
        if (request.type() != RequestType.ACCESS || access.currentExtract(request.id()).isEmpty()) {
            throw notFound();
        }
        audit.record(staff.getName(), AuditLog.Action.VIEW_LETTER_PREVIEW, request, "letter preview (PDF)");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("preview-" + request.reference() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(access.preview(request));
    }

    @GetMapping("/staff/requests/{reference}/evidence/{id}")
    @Transactional
    ResponseEntity<byte[]> evidence(@PathVariable String reference, @PathVariable long id, Authentication staff) {
        DsrRequest request = request(reference);
        RequestEvidence.File file = evidence.file(request.id(), id).orElseThrow(this::notFound);
        audit.record(staff.getName(), AuditLog.Action.VIEW_EVIDENCE, request, "evidence " + id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.content());
    }

    @PostMapping("/staff/requests/{reference}/notes")
    @Transactional
    String addNote(@PathVariable String reference, @RequestParam String text, Authentication staff) {
        DsrRequest request = request(reference);
        String note = cleaned(text);
        notes.add(request.id(), RequestNotes.Kind.NOTE, staff.getName(), note);
        audit.record(staff.getName(), AuditLog.Action.ADD_NOTE, request, null);
        return "redirect:/staff/requests/" + reference;
    }

    /** Only a manager refuses (GDPR Art. 12(5)); the reason goes into the refusal letter. */
    @PostMapping("/staff/requests/{reference}/refusal-reason")
    @Transactional
    String recordRefusalReason(@PathVariable String reference, @RequestParam String reason, Authentication staff) {
        if (!isManager(staff)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        DsrRequest request = request(reference);
        access.recordRefusalReason(request.id(), staff.getName(), cleaned(reason));
        audit.record(staff.getName(), AuditLog.Action.RECORD_REFUSAL_REASON, request, null);
        return "redirect:/staff/requests/" + reference;
    }

    private static String cleaned(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > RequestNotes.MAX_TEXT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "a note needs 1 to " + RequestNotes.MAX_TEXT + " characters");
        }
        return value;
    }

    private static boolean isManager(Authentication staff) {
        return staff.getAuthorities().stream().anyMatch(a -> "ROLE_MANAGER".equals(a.getAuthority()));
    }

    private DsrRequest request(String reference) {
        return requests.findByReference(reference).orElseThrow(this::notFound);
    }

    private ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
