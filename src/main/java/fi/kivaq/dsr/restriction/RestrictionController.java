package fi.kivaq.dsr.restriction;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff page of a restriction request: the request beside the person's register entry (the only staff page that
 * shows a restricted contact), the decision with its Art. 18(1) ground and reasons, and, once restricted, the lift
 * with the reason the person is told before it takes effect. Saving completes the Tasklist task.
 */
@Controller
class RestrictionController {

    private static final String VIEW = "web/staff/restriction";

    private final Restrictions restrictions;

    RestrictionController(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    /** The Tasklist form knows only the request id. */
    @GetMapping("/staff/requests/id/{id}/restriction")
    String byId(@PathVariable long id) {
        return "redirect:/staff/requests/" + restrictions.referenceOf(id) + "/restriction";
    }

    @GetMapping("/staff/requests/{reference}/restriction")
    String page(@PathVariable String reference, Authentication staff, Model model) {
        return show(reference, staff, model, Map.of(), Map.of());
    }

    @PostMapping("/staff/requests/{reference}/restriction")
    String decide(@PathVariable String reference, @RequestParam Map<String, String> form, Authentication staff,
                  Model model, HttpServletResponse response) {
        Map<String, String> problems = restrictions.decide(reference, form.get("outcome"), form.get("ground"),
                form.get("reasons"), staff.getName());
        if (problems.isEmpty()) {
            return "redirect:/staff/requests/" + reference + "/restriction";
        }
        response.setStatus(problems.containsKey("decision") ? 409 : 400);
        return show(reference, staff, model, problems, form);
    }

    @PostMapping("/staff/requests/{reference}/restriction/lift")
    String lift(@PathVariable String reference, @RequestParam Map<String, String> form, Authentication staff,
                Model model, HttpServletResponse response) {
        Map<String, String> problems = restrictions.decideLift(reference, form.get("liftReasons"), staff.getName());
        if (problems.isEmpty()) {
            return "redirect:/staff/requests/" + reference + "/restriction";
        }
        response.setStatus(problems.containsKey("lift") ? 409 : 400);
        return show(reference, staff, model, problems, form);
    }

    private String show(String reference, Authentication staff, Model model, Map<String, String> problems,
                        Map<String, String> form) {
        Restrictions.Page page = restrictions.show(reference, staff.getName());
        model.addAttribute("page", page);
        model.addAttribute("request", page.request());
        model.addAttribute("grounds", Ground.values());
        model.addAttribute("problems", problems);
        model.addAttribute("form", form);
        return VIEW;
    }
}
