package fi.kivaq.dsr.rectification;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff page where a rectification is decided: the requester's description beside the register's current
 * values, a requested value and an approve box per field, and the reason for whatever is refused. Saving records
 * the decision and completes the Tasklist task (see {@link RectificationDecisionPage}). Every view is audited.
 */
@Controller
class RectificationDecisionController {

    private static final String VIEW = "web/staff/rectification";

    private final RectificationDecisionPage decisionPage;

    RectificationDecisionController(RectificationDecisionPage decisionPage) {
        this.decisionPage = decisionPage;
    }

    /** The Tasklist form knows only the request id. */
    @GetMapping("/staff/requests/id/{id}/rectification")
    String byId(@PathVariable long id) {
        return "redirect:/staff/requests/" + decisionPage.referenceOf(id) + "/rectification";
    }

    @GetMapping("/staff/requests/{reference}/rectification")
    String page(@PathVariable String reference, Authentication staff, Model model) {
        model.addAllAttributes(decisionPage.show(reference, staff.getName()).asModel());
        return VIEW;
    }

    @PostMapping("/staff/requests/{reference}/rectification")
    String decide(@PathVariable String reference, @RequestParam MultiValueMap<String, String> form,
                  Authentication staff, Model model, HttpServletResponse response, RedirectAttributes flash) {
        RectificationDecisionPage.Saved saved = decisionPage.save(reference, formOf(form), staff.getName());
        if (saved.done()) {
            flash.addFlashAttribute("flash", "staff.flash.decisionSaved");
            return "redirect:/staff/requests/" + reference;
        }
        response.setStatus(saved.status().value());
        model.addAllAttributes(saved.page().asModel());
        return VIEW;
    }

    private static RectificationDecisionPage.Form formOf(MultiValueMap<String, String> form) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            values.put(field, Optional.ofNullable(form.getFirst("value." + field.name())).orElse(""));
        }
        Set<Field> approved = EnumSet.noneOf(Field.class);
        List<String> approvals = Optional.ofNullable(form.get("approve")).orElse(List.of());
        for (Field field : Field.values()) {
            if (approvals.contains(field.name())) {
                approved.add(field);
            }
        }
        return new RectificationDecisionPage.Form(values, approved,
                Optional.ofNullable(form.getFirst("reason")).orElse(""));
    }
}
