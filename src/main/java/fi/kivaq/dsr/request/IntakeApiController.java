package fi.kivaq.dsr.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.web.PublicPages;

/**
 * {@code POST /api/requests}: the request form as JSON. The answer is the same whether or not the address is in
 * the register: 202 with the reference, then a verification mail to the address given.
 */
@RestController
class IntakeApiController {

    /** Message of a request refused because its address reached the limit of public requests. */
    static final String TOO_MANY = "error.email.tooMany";

    private final IntakeValidator validator;
    private final RequestIntake intake;
    private final MessageSource messages;
    private final ControllerProperties controller;

    IntakeApiController(IntakeValidator validator, RequestIntake intake, MessageSource messages,
            ControllerProperties controller) {
        this.validator = validator;
        this.intake = intake;
        this.messages = messages;
        this.controller = controller;
    }

    @PostMapping(path = "/api/requests", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> file(@RequestBody IntakeInput input, HttpServletRequest http) {
        Language pageLanguage = PublicPages.language(http);
        IntakeValidator.Result result = validator.validate(input, RequestChannel.API, pageLanguage);
        if (!result.valid()) {
            Language language = IntakeValidator.languageOf(input, pageLanguage);
            Map<String, String> errors = new LinkedHashMap<>();
            result.errors().forEach((field, code) -> errors.put(field, messages.getMessage(code, null, language.locale())));
            return ResponseEntity.badRequest().body(Map.of(
                    "message", messages.getMessage("error.invalidRequest", null, language.locale()),
                    "errors", errors));
        }
        Optional<DsrRequest> filed = intake.fileWithinLimit(result.request());
        if (filed.isEmpty()) {
            Language language = result.request().language();
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of(
                    "message", messages.getMessage("error.invalidRequest", null, language.locale()),
                    "errors", Map.of("email", messages.getMessage(TOO_MANY, new Object[] {controller.email()}, language.locale()))));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("reference", filed.get().reference()));
    }
}
