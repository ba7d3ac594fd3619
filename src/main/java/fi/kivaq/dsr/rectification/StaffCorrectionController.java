package fi.kivaq.dsr.rectification;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fi.kivaq.dsr.shared.ReceivedVia;

/**
 * A correction proposed by staff for a contact in the register (linked from the contact page). It goes the way of
 * every rectification: it is filed as a request for this contact and decided on the rectification page, then reaches
 * the register, the recipients in the disclosure log and the person. Nothing is written to the register here. The
 * form's view and every proposal are audited (by {@link StaffCorrectionProposals}).
 */
@Controller
class StaffCorrectionController {

    /** The form's value for a correction KivaQ makes on its own initiative (no request reached us). */
    static final String OWN_INITIATIVE = "OWN_INITIATIVE";

    private static final String VIEW = "web/staff/correction";

    private final StaffCorrectionProposals corrections;

    StaffCorrectionController(StaffCorrectionProposals corrections) {
        this.corrections = corrections;
    }

    static String path(long contactId) {
        return "/staff/contacts/" + contactId + "/correction";
    }

    @GetMapping("/staff/contacts/{id}/correction")
    String form(@PathVariable long id, Authentication staff, Model model) {
        Map<Field, String> current = corrections.formFor(id, staff.getName());
        return show(id, current, current, Map.of(), null, "", model);
    }

    @PostMapping("/staff/contacts/{id}/correction")
    String propose(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, Authentication staff,
                   Model model, HttpServletResponse response) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            values.put(field, Optional.ofNullable(form.getFirst("value." + field.name())).orElse(""));
        }
        String via = Optional.ofNullable(form.getFirst("receivedVia")).orElse("").strip();
        Optional<ReceivedVia> receivedVia = Arrays.stream(ReceivedVia.values())
                .filter(v -> v.name().equals(via)).findFirst();
        String note = Optional.ofNullable(form.getFirst("note")).orElse("");
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Field, String> current;
        if (receivedVia.isEmpty() && !OWN_INITIATIVE.equals(via)) {
            current = corrections.currentValues(id);
            if (current.isEmpty()) {
                throw new ContactNotFound(id);
            }
            problems.put("receivedVia", "staff.contacts.correction.viaRequired");
        } else {
            StaffCorrectionProposals.Proposal proposal = corrections.propose(id, values, receivedVia.orElse(null),
                    note, staff.getName());
            if (proposal.problems().isEmpty()) {
                return "redirect:/staff/requests/" + proposal.request().reference() + "/rectification";
            }
            current = proposal.current();
            problems.putAll(proposal.problems().byField());
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(id, current, values, problems, via, note, model);
    }

    private static String show(long id, Map<Field, String> current, Map<Field, String> values,
                               Map<String, String> problems, String via, String note, Model model) {
        model.addAttribute("contactId", id);
        model.addAttribute("contactName", current.get(Field.NAME));
        model.addAttribute("fields", Field.values());
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("channels", ReceivedVia.values());
        model.addAttribute("via", via);
        model.addAttribute("note", note);
        return VIEW;
    }
}
