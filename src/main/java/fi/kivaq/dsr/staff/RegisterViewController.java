package fi.kivaq.dsr.staff;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.register.ContactDirectory;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.ObjectedUse;
import fi.kivaq.dsr.request.RequestRepository;

/**
 * The staff's view of the contact register: a search, and one contact with its consents, disclosures, invoice
 * links, requests and audit trail, and the links that features contribute for the contact (e.g. rectification's
 * "propose a correction"). Every search and view is audited; the search term never is. Lives with the staff pages
 * rather than in {@code register}, which {@code access} already depends on.
 */
@Controller
class RegisterViewController {

    private final ContactDirectory directory;
    private final ContactRegister register;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final List<ContactPageLink> links;

    RegisterViewController(ContactDirectory directory, ContactRegister register, RequestRepository requests,
                           AuditLog audit, List<ContactPageLink> links) {
        this.directory = directory;
        this.register = register;
        this.requests = requests;
        this.audit = audit;
        this.links = links;
    }

    /** No term: only the search box, the register is never listed whole. A term too short or too long: a message. */
    @GetMapping("/staff/contacts")
    @Transactional
    String search(@RequestParam(name = "q", required = false) String q, Authentication staff, Model model) {
        String term = q == null ? "" : q.strip();
        model.addAttribute("q", term);
        model.addAttribute("minLength", ContactDirectory.MIN_TERM_LENGTH);
        model.addAttribute("maxLength", ContactDirectory.MAX_TERM_LENGTH);
        model.addAttribute("maxResults", ContactDirectory.MAX_RESULTS);
        if (term.isEmpty()) {
            return "web/staff/contacts";
        }
        if (term.length() < ContactDirectory.MIN_TERM_LENGTH) {
            model.addAttribute("problem", "staff.contacts.tooShort");
            return "web/staff/contacts";
        }
        if (term.length() > ContactDirectory.MAX_TERM_LENGTH) {
            model.addAttribute("problem", "staff.contacts.tooLong");
            return "web/staff/contacts";
        }
        ContactDirectory.SearchResult result = directory.search(term);
        audit.recordRegisterSearch(staff.getName(), result.matches().size());
        model.addAttribute("result", result);
        return "web/staff/contacts";
    }

    /**
     * A restricted contact (GDPR Art. 18) is not shown here: only a pointer to its restriction request, whose own
     * page is the one place its data may be seen. Likewise a contact whose objection to customer relationship
     * management was upheld (GDPR Art. 21(1)): a pointer to the objection request.
     */
    @GetMapping("/staff/contacts/{id}")
    @Transactional
    String contact(@PathVariable long id, Authentication staff, Model model, HttpServletResponse response) {
        Optional<Long> restrictedBy = register.restrictedBy(id);
        if (restrictedBy.isPresent()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("reference", requests.get(restrictedBy.get()).reference());
            return "web/staff/contact-restricted";
        }
        Optional<Long> objectedBy = register.useStoppedBy(id, ObjectedUse.CUSTOMER_RELATIONSHIP);
        if (objectedBy.isPresent()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("reference", requests.get(objectedBy.get()).reference());
            return "web/staff/contact-objected";
        }
        ContactDirectory.ContactDetails details = directory.details(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // recorded before the trail is read, so that the page shows this view too
        audit.recordForContact(staff.getName(), AuditLog.Action.VIEW_CONTACT, id, null);
        model.addAttribute("details", details);
        model.addAttribute("audit", audit.forContact(id));
        model.addAttribute("links", links.stream().map(link -> new Link(link.label(), link.path(id))).toList());
        return "web/staff/contact";
    }

    /** A feature's link as the page shows it. */
    record Link(String label, String path) {
    }
}
