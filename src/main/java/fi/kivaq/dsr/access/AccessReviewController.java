package fi.kivaq.dsr.access;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.kivaq.dsr.request.RequestEvidence;

/**
 * The staff page of one request: the request, its evidence, the register extract and a preview of the signed letter,
 * notes, and a manager's refusal reason. Tasklist forms link here, so that personal data never enters the engine.
 * Every view of the extract, the preview or evidence is written to the audit log (see {@link RequestReviewPage}).
 */
@Controller
class AccessReviewController {

    private final RequestReviewPage reviewPage;

    AccessReviewController(RequestReviewPage reviewPage) {
        this.reviewPage = reviewPage;
    }

    /** Tasklist forms know only the request id (a process variable); the page is addressed by reference. */
    @GetMapping("/staff/requests/id/{id}")
    String byId(@PathVariable long id) {
        return "redirect:/staff/requests/" + reviewPage.referenceOf(id);
    }

    @GetMapping("/staff/requests/{reference}")
    String page(@PathVariable String reference, Authentication staff, Model model) {
        model.addAllAttributes(reviewPage.show(reference, staff.getName(), isManager(staff)).asModel());
        return "web/staff/request";
    }

    @GetMapping("/staff/requests/{reference}/letter-preview.pdf")
    ResponseEntity<byte[]> letterPreview(@PathVariable String reference, Authentication staff) {
        RequestReviewPage.Preview preview = reviewPage.letterPreview(reference, staff.getName());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(preview.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(preview.pdf());
    }

    @GetMapping("/staff/requests/{reference}/evidence/{id}")
    ResponseEntity<byte[]> evidence(@PathVariable String reference, @PathVariable long id, Authentication staff) {
        RequestEvidence.File file = reviewPage.evidenceFile(reference, id, staff.getName());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.content());
    }

    @PostMapping("/staff/requests/{reference}/notes")
    String addNote(@PathVariable String reference, @RequestParam String text, Authentication staff,
                   RedirectAttributes flash) {
        reviewPage.addNote(reference, cleaned(text), staff.getName());
        flash.addFlashAttribute("flash", "staff.flash.noteSaved");
        return "redirect:/staff/requests/" + reference;
    }

    /** Only a manager refuses (GDPR Art. 12(5)); the reason goes into the refusal letter. */
    @PostMapping("/staff/requests/{reference}/refusal-reason")
    String recordRefusalReason(@PathVariable String reference, @RequestParam String reason, Authentication staff,
                               RedirectAttributes flash) {
        if (!isManager(staff)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        reviewPage.recordRefusalReason(reference, cleaned(reason), staff.getName());
        flash.addFlashAttribute("flash", "staff.flash.refusalSaved");
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
}
