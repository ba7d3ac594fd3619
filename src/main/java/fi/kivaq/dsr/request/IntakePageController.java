package fi.kivaq.dsr.request;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.ObjectionTo;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.web.PublicPages;

/** The public request page in Finnish, Swedish or English. */
@Controller
class IntakePageController {

    private final IntakeValidator validator;
    private final RequestIntake intake;

    IntakePageController(IntakeValidator validator, RequestIntake intake) {
        this.validator = validator;
        this.intake = intake;
    }

    @GetMapping("/")
    String form(@RequestParam(name = "type", required = false) String type, Model model) {
        model.addAttribute("input", new IntakeInput(type, null, null, null, null));
        model.addAttribute("errors", Map.of());
        model.addAttribute("types", Arrays.asList(RequestType.values()));
        model.addAttribute("objectionTargets", Arrays.asList(ObjectionTo.values()));
        return "web/intake";
    }

    @PostMapping("/request")
    String file(@RequestParam Map<String, String> form, HttpServletRequest http, HttpServletResponse response,
                Model model) {
        Language language = PublicPages.language(http);
        IntakeInput input = new IntakeInput(form.get("type"), form.get("email"), form.get("name"), language.code(),
                form.get("details"), form.get("objectionTo"));
        IntakeValidator.Result result = validator.validate(input, RequestChannel.WEB_FORM, language);
        if (!result.valid()) {
            return again(input, result.errors(), HttpServletResponse.SC_BAD_REQUEST, response, model);
        }
        Optional<DsrRequest> within = intake.fileWithinLimit(result.request());
        if (within.isEmpty()) {
            return again(input, Map.of("email", IntakeApiController.TOO_MANY), 429, response, model);
        }
        DsrRequest filed = within.get();
        model.addAttribute("reference", filed.reference());
        // the type only, never anything about the register: the same page for every address
        model.addAttribute("type", filed.type().name());
        return "web/request-filed";
    }

    /** The form again, as typed, with what is wrong; nothing stored. */
    private static String again(IntakeInput input, Map<String, String> errors, int status, HttpServletResponse response,
                                Model model) {
        response.setStatus(status);
        model.addAttribute("input", input);
        model.addAttribute("errors", errors);
        model.addAttribute("types", Arrays.asList(RequestType.values()));
        model.addAttribute("objectionTargets", Arrays.asList(ObjectionTo.values()));
        return "web/intake";
    }
}
