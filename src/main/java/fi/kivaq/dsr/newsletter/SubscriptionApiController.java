package fi.kivaq.dsr.newsletter;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.web.PublicPages;

/**
 * {@code POST /api/newsletter/subscriptions}: the sign-up page as JSON, for a sign-up form on KivaQ's own site. The
 * site shows the consent text and sends its version ({@code consentTextVersion}; omitted: the current one). The
 * answer is 202 with the same body for every address; the confirmation link goes by mail.
 */
@RestController
class SubscriptionApiController {

    private final NewsletterSubscriptions subscriptions;
    private final ConsentTexts texts;
    private final MessageSource messages;
    private final ControllerProperties controller;

    SubscriptionApiController(NewsletterSubscriptions subscriptions, ConsentTexts texts, MessageSource messages,
                              ControllerProperties controller) {
        this.subscriptions = subscriptions;
        this.texts = texts;
        this.messages = messages;
        this.controller = controller;
    }

    @PostMapping(path = "/api/newsletter/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody SignUpInput input, HttpServletRequest http) {
        Language language = input.languageOr(PublicPages.language(http));
        Map<String, String> errors = new LinkedHashMap<>(input.errors());
        ConsentTexts.ConsentText shown = input.textVersion() == null ? texts.current(language)
                : texts.find(input.textVersion(), language).orElse(null);
        if (shown == null && !errors.containsKey("consentTextVersion")) {
            errors.put("consentTextVersion", "newsletter.error.textVersion");
        }
        if (!errors.isEmpty()) {
            return refused(HttpStatus.BAD_REQUEST, errors, language);
        }
        NewsletterSubscriptions.Outcome outcome = subscriptions.request(new NewsletterSubscriptions.SignUp(
                input.strippedEmail(), input.strippedName(), language, shown.version(),
                NewsletterSubscriptions.Source.SIGN_UP_API));
        if (outcome == NewsletterSubscriptions.Outcome.TOO_MANY) {
            return refused(HttpStatus.TOO_MANY_REQUESTS, Map.of("email", "error.email.tooMany"), language);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
                "message", messages.getMessage("newsletter.requested.text", null, language.locale())));
    }

    private ResponseEntity<Map<String, Object>> refused(HttpStatus status, Map<String, String> errors,
                                                        Language language) {
        Map<String, String> texts = new LinkedHashMap<>();
        errors.forEach((field, code) -> texts.put(field,
                messages.getMessage(code, new Object[] {controller.email()}, language.locale())));
        return ResponseEntity.status(status).body(Map.of(
                "message", messages.getMessage("error.invalidRequest", null, language.locale()),
                "errors", texts));
    }
}
