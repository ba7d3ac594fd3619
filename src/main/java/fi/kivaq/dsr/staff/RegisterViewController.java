package fi.kivaq.dsr.staff;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.rectification.Field;
import fi.kivaq.dsr.rectification.StaffCorrectionProposals;
import fi.kivaq.dsr.register.ContactDirectory;
import fi.kivaq.dsr.shared.ReceivedVia;

/**
 * The staff's view of the contact register: a search, and one contact with its consents, disclosures, invoice
 * links, requests and audit trail, and a correction proposed from there (it goes the rectification path). Every
 * search, view and proposal is audited; the search term never is. Lives with the staff pages rather than in
 * {@code register}, which {@code access} already depends on.
 */
@Controller
class RegisterViewController {

    private final ContactDirectory directory;
    private final AuditLog audit;
    private final StaffCorrectionProposals corrections;

    RegisterViewController(ContactDirectory directory, AuditLog audit, StaffCorrectionProposals corrections) {
        this.directory = directory;
        this.audit = audit;
        this.corrections = corrections;
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

    @GetMapping("/staff/contacts/{id}")
    @Transactional
    String contact(@PathVariable long id, Authentication staff, Model model) {
        ContactDirectory.ContactDetails details = directory.details(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // recorded before the trail is read, so that the page shows this view too
        audit.recordForContact(staff.getName(), AuditLog.Action.VIEW_CONTACT, id, null);
        return show(id, details, corrections.currentValues(id), Map.of(), null, "", model);
    }

    /**
     * A correction proposed from the register goes the way of every rectification: it is filed as a request for
     * this contact and decided on the rectification page, then reaches the register, the recipients in the
     * disclosure log and the person. Nothing is written to the register here.
     */
    @PostMapping("/staff/contacts/{id}/corrections")
    @Transactional
    String proposeCorrection(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                             Authentication staff, Model model, HttpServletResponse response) {
        ContactDirectory.ContactDetails details = directory.details(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            values.put(field, Optional.ofNullable(form.getFirst("value." + field.name())).orElse(""));
        }
        String via = Optional.ofNullable(form.getFirst("receivedVia")).orElse("").strip();
        Optional<ReceivedVia> receivedVia = Arrays.stream(ReceivedVia.values())
                .filter(v -> v.name().equals(via)).findFirst();
        String note = Optional.ofNullable(form.getFirst("note")).orElse("");
        Map<String, String> problems = new LinkedHashMap<>();
        if (receivedVia.isEmpty() && !OWN_INITIATIVE.equals(via)) {
            problems.put("receivedVia", "staff.contacts.correction.viaRequired");
        } else {
            StaffCorrectionProposals.Proposal proposal = corrections.propose(id, values, receivedVia.orElse(null),
                    note, staff.getName());
            if (proposal.problems().isEmpty()) {
                audit.recordForContact(staff.getName(), AuditLog.Action.PROPOSE_CORRECTION, id,
                        proposal.request().reference());
                return "redirect:/staff/requests/" + proposal.request().reference() + "/rectification";
            }
            problems.putAll(proposal.problems().byField());
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(id, details, values, problems, via, note, model);
    }

    private String show(long id, ContactDirectory.ContactDetails details, Map<Field, String> values,
                        Map<String, String> problems, String via, String note, Model model) {
        model.addAttribute("details", details);
        model.addAttribute("audit", audit.forContact(id));
        model.addAttribute("fields", Field.values());
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("channels", ReceivedVia.values());
        model.addAttribute("via", via);
        model.addAttribute("note", note);
        return "web/staff/contact";
    }

    /** The form's value for a correction KivaQ makes on its own initiative (no request reached us). */
    static final String OWN_INITIATIVE = "OWN_INITIATIVE";
}
