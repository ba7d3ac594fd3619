package fi.kivaq.dsr.retention;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

import fi.kivaq.dsr.audit.AuditLog;

/**
 * {@code /staff/retention}: the contacts due for a retention review, each with "keep" (a reason and the next review
 * date) and "erase". A staff page rather than a Camunda user task per contact: reviews are raised in bulk by the
 * nightly run, many at once, and the decision needs the contact's register data beside it, which no process variable
 * may carry. Showing the list is audited as a view of each contact listed.
 */
@Controller
class RetentionReviewController {

    static final int PAGE_SIZE = 100;

    private final RetentionReviews reviews;
    private final AuditLog audit;

    RetentionReviewController(RetentionReviews reviews, AuditLog audit) {
        this.reviews = reviews;
        this.audit = audit;
    }

    @GetMapping("/staff/retention")
    String list(@RequestParam(name = "done", required = false) String done, Authentication staff, Model model) {
        var due = reviews.due(PAGE_SIZE);
        due.forEach(review -> audit.recordForContact(staff.getName(), AuditLog.Action.VIEW_CONTACT,
                review.contactId(), "retention review"));
        model.addAttribute("reviews", due);
        model.addAttribute("dueCount", reviews.dueCount());
        model.addAttribute("proposedNextReview", reviews.proposedNextReview());
        model.addAttribute("done", "kept".equals(done) || "erased".equals(done) ? done : null);
        return "web/staff/retention";
    }

    @PostMapping("/staff/retention/{contactId}/keep")
    String keep(@PathVariable long contactId, @RequestParam(defaultValue = "") String reason,
                @RequestParam(defaultValue = "") String nextReview, Authentication staff, Model model,
                HttpServletResponse response) {
        LocalDate next;
        try {
            next = LocalDate.parse(nextReview.strip());
        } catch (DateTimeParseException e) {
            next = null;
        }
        return answer(reviews.keep(contactId, reason, next, staff.getName()), "kept", model, response);
    }

    @PostMapping("/staff/retention/{contactId}/erase")
    String erase(@PathVariable long contactId, @RequestParam(defaultValue = "") String confirm,
                 Authentication staff, Model model, HttpServletResponse response) {
        if (!"yes".equals(confirm)) {
            return answer(Optional.of(RetentionReviews.Refusal.NOT_CONFIRMED), "erased", model, response);
        }
        return answer(reviews.erase(contactId, staff.getName()), "erased", model, response);
    }

    private static String answer(Optional<RetentionReviews.Refusal> refusal, String done, Model model,
                                 HttpServletResponse response) {
        if (refusal.isEmpty()) {
            return "redirect:/staff/retention?done=" + done;
        }
        RetentionReviews.Refusal why = refusal.get();
        response.setStatus(switch (why) {
            case NOT_DUE, MAILS_WAITING -> HttpStatus.CONFLICT.value();
            default -> HttpStatus.BAD_REQUEST.value();
        });
        model.addAttribute("refusal", why.name());
        return "web/staff/retention-refused";
    }
}
