package fi.kivaq.dsr.newsletter;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.web.PublicPages;

/**
 * The public sign-up page in Finnish, Swedish or English: the current consent text, the address and an optional
 * name. Every valid sign-up gets the same "check your mail" page, whatever the register holds.
 */
@Controller
class SignUpPageController {

    private final NewsletterSubscriptions subscriptions;
    private final ConsentTexts texts;

    SignUpPageController(NewsletterSubscriptions subscriptions, ConsentTexts texts) {
        this.subscriptions = subscriptions;
        this.texts = texts;
    }

    @GetMapping("/newsletter")
    String form(HttpServletRequest http, Model model) {
        return page(new SignUpInput(null, null, null, null), Map.of(), PublicPages.language(http), model);
    }

    @PostMapping("/newsletter")
    String signUp(@RequestParam Map<String, String> form, HttpServletRequest http, HttpServletResponse response,
                  Model model) {
        Language language = PublicPages.language(http);
        SignUpInput input = new SignUpInput(form.get("email"), form.get("name"), language.code(),
                form.get("consentTextVersion"));
        Map<String, String> errors = new java.util.LinkedHashMap<>(input.errors());
        // the version the page showed; a page older than every version we keep cannot have shown a real one
        ConsentTexts.ConsentText shown = input.textVersion() == null ? texts.current(language)
                : texts.find(input.textVersion(), language).orElse(null);
        if (shown == null) {
            errors.put("consentTextVersion", "newsletter.error.textVersion");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(input, errors, language, model);
        }
        NewsletterSubscriptions.Outcome outcome = subscriptions.request(new NewsletterSubscriptions.SignUp(
                input.strippedEmail(), input.strippedName(), language, shown.version(),
                NewsletterSubscriptions.Source.SIGN_UP_PAGE));
        if (outcome == NewsletterSubscriptions.Outcome.TOO_MANY) {
            response.setStatus(429);
            return page(input, Map.of("email", "error.email.tooMany"), language, model);
        }
        return "web/newsletter-requested";
    }

    private String page(SignUpInput input, Map<String, String> errors, Language language, Model model) {
        model.addAttribute("input", input);
        model.addAttribute("errors", errors);
        model.addAttribute("consent", texts.current(language));
        return "web/newsletter";
    }
}
