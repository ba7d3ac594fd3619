package fi.kivaq.dsr.objection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff page of an objection: what the person wrote, and the weighing with its reasons (Art. 21(1)). */
@Controller
class ObjectionController {

    private static final String VIEW = "web/staff/objection";

    private final Objections objections;

    ObjectionController(Objections objections) {
        this.objections = objections;
    }

    /** The Tasklist form knows only the request id. */
    @GetMapping("/staff/requests/id/{id}/objection")
    String byId(@PathVariable long id) {
        return "redirect:/staff/requests/" + objections.referenceOf(id) + "/objection";
    }

    @GetMapping("/staff/requests/{reference}/objection")
    String page(@PathVariable String reference, Authentication staff, Model model) {
        return show(reference, staff, model, Map.of(), Map.of());
    }

    @PostMapping("/staff/requests/{reference}/objection")
    String decide(@PathVariable String reference, @RequestParam Map<String, String> form,
                  @RequestParam(name = "stop", required = false) List<String> stop, Authentication staff,
                  Model model, HttpServletResponse response) {
        Map<String, String> problems = objections.decide(reference, form.get("outcome"),
                stop == null ? java.util.Set.of() : new LinkedHashSet<>(stop), form.get("reasons"), staff.getName());
        if (problems.isEmpty()) {
            return "redirect:/staff/requests/" + reference + "/objection";
        }
        response.setStatus(problems.containsKey("decision") ? 409 : 400);
        return show(reference, staff, model, problems, form);
    }

    private String show(String reference, Authentication staff, Model model, Map<String, String> problems,
                        Map<String, String> form) {
        Objections.Page page = objections.show(reference, staff.getName());
        model.addAttribute("page", page);
        model.addAttribute("request", page.request());
        model.addAttribute("problems", problems);
        model.addAttribute("form", form);
        model.addAttribute("uses", fi.kivaq.dsr.register.ObjectedUse.values());
        return VIEW;
    }
}
