package fi.kivaq.dsr.verification;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;

import jakarta.servlet.http.HttpServletRequest;

import fi.kivaq.dsr.request.DsrRequest;

/** The mailed verification link: GET shows a confirm button and changes nothing; POST confirms. */
@Controller
class VerificationController {

    private final AddressVerification verification;
    private final LocaleResolver localeResolver;

    VerificationController(AddressVerification verification, LocaleResolver localeResolver) {
        this.verification = verification;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/verify/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        AddressVerification.LinkStatus status = verification.inspect(token);
        return page(status, "web/verify", model, request, response);
    }

    @PostMapping("/verify/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        AddressVerification.LinkStatus before = verification.inspect(token);
        if (before.state() != AddressVerification.LinkState.VALID) {
            return page(before, null, model, request, response);
        }
        AddressVerification.LinkStatus after = verification.confirm(token);
        if (after.state() != AddressVerification.LinkState.CONFIRMED) {
            return page(after, null, model, request, response);
        }
        speak(after.request(), request, response);
        model.addAttribute("reference", after.request().reference());
        model.addAttribute("type", after.request().type().name());
        return "web/verify-done";
    }

    private String page(AddressVerification.LinkStatus status, String validView, Model model,
                        HttpServletRequest request, HttpServletResponse response) {
        status.requestIfKnown().ifPresent(r -> speak(r, request, response));
        switch (status.state()) {
            case VALID -> {
                model.addAttribute("reference", status.request().reference());
                model.addAttribute("type", status.request().type().name());
                return validView;
            }
            case UNKNOWN -> response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            case USED, EXPIRED, CONFIRMED -> response.setStatus(HttpServletResponse.SC_GONE);
        }
        model.addAttribute("reason", status.state().name());
        return "web/link-invalid";
    }

    /** The page speaks the language the request was made in. */
    private void speak(DsrRequest request, HttpServletRequest http, HttpServletResponse response) {
        localeResolver.setLocale(http, response, request.language().locale());
    }
}
