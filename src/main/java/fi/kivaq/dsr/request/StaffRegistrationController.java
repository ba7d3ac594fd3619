package fi.kivaq.dsr.request;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.ObjectionTo;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Requests that reach KivaQ outside the form (a letter, an e-mail, a phone call): staff register them with the date
 * they arrived, and optionally the signed letter as evidence of identity. Invalid input stores nothing.
 */
@Controller
class StaffRegistrationController {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    /** No request under the GDPR can have arrived before it began to apply. */
    static final Instant EARLIEST_RECEIVED_AT = LocalDateTime.parse("2018-05-25T00:00").atZone(HELSINKI).toInstant();
    private static final java.util.regex.Pattern RECEIVED_AT =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");

    private final IntakeValidator validator;
    private final RequestIntake intake;
    private final SignedRequestCheck evidenceCheck;
    private final Clock clock;

    StaffRegistrationController(IntakeValidator validator, RequestIntake intake, SignedRequestCheck evidenceCheck,
                                Clock clock) {
        this.validator = validator;
        this.intake = intake;
        this.evidenceCheck = evidenceCheck;
        this.clock = clock;
    }

    @GetMapping("/staff/requests/new")
    String form(Model model) {
        model.addAttribute("form", Map.of("receivedAt",
                LocalDateTime.now(clock.withZone(HELSINKI)).truncatedTo(ChronoUnit.MINUTES).toString(),
                "language", Language.DEFAULT.code(), "receivedVia", "LETTER"));
        model.addAttribute("errors", Map.of());
        return page(model);
    }

    @PostMapping("/staff/requests/new")
    String register(@RequestParam Map<String, String> form,
                    @RequestParam(value = "evidence", required = false) MultipartFile upload,
                    Authentication staff, Model model, HttpServletResponse response, RedirectAttributes flash)
            throws IOException {
        IntakeValidator.Result result = validator.validate(new IntakeInput(form.get("type"), form.get("email"),
                form.get("name"), form.get("language"), form.get("details"), form.get("objectionTo")), RequestChannel.STAFF, Language.DEFAULT);
        Map<String, String> errors = new LinkedHashMap<>(result.errors());

        Optional<ReceivedVia> via = parseVia(form.get("receivedVia"));
        if (via.isEmpty()) {
            errors.put("receivedVia", "error.receivedVia.required");
        }
        Optional<Instant> receivedAt = parseReceivedAt(form.get("receivedAt"));
        if (receivedAt.isEmpty()) {
            errors.put("receivedAt", "error.receivedAt.invalid");
        } else if (receivedAt.get().isAfter(clock.instant())) {
            errors.put("receivedAt", "error.receivedAt.future");
        } else if (receivedAt.get().isBefore(EARLIEST_RECEIVED_AT)) {
            errors.put("receivedAt", "error.receivedAt.tooEarly");
        }

        Optional<SignedRequestCheck.Evidence> evidence = Optional.empty();
        if (upload != null && upload.isEmpty() && upload.getOriginalFilename() != null
                && !upload.getOriginalFilename().isBlank()) {
            // a file was chosen but has no content: say so rather than register the request without it
            errors.put("evidence", "error.evidence.empty");
        } else if (upload != null && !upload.isEmpty()) {
            SignedRequestCheck.Result checked = evidenceCheck.check(upload.getOriginalFilename(), upload.getBytes(),
                    form.get("email"));
            if (checked.accepted()) {
                evidence = Optional.of(checked.evidence());
            } else {
                errors.put("evidence", checked.error());
            }
        }

        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            return page(model);
        }
        NewRequest request = result.request();
        DsrRequest filed = intake.fileByStaff(new NewRequest(request.type(), request.email(), request.name(),
                request.language(), request.details(), RequestChannel.STAFF, receivedAt.get()), via.get(),
                staff.getName(), evidence);
        // the request's page says it was registered (staff.flash.registered, templates/web/staff/layout.html)
        flash.addFlashAttribute("flash", "staff.flash.registered").addFlashAttribute("flashArgument", filed.reference());
        return "redirect:/staff/requests/" + filed.reference();
    }

    private String page(Model model) {
        model.addAttribute("types", RequestType.values());
        model.addAttribute("objectionTargets", ObjectionTo.values());
        model.addAttribute("channels", ReceivedVia.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("maxEvidenceMb", evidenceCheck.maxBytes() / (1024 * 1024));
        return "web/staff/register";
    }

    private static Optional<ReceivedVia> parseVia(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(ReceivedVia.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A date-time as typed in the form (HTML datetime-local), meant in Helsinki time; years of four digits only. */
    private static Optional<Instant> parseReceivedAt(String value) {
        if (value == null || value.isBlank() || !RECEIVED_AT.matcher(value.strip()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value.strip()).atZone(HELSINKI).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
