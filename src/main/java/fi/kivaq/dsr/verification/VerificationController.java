package fi.kivaq.dsr.verification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The mailed verification link: GET shows a confirm button and changes nothing; POST confirms. */
@Controller
class VerificationController {

    private static final LinkPages.Texts TEXTS = new LinkPages.Texts("verify.title", "verify.text", "verify.button",
            "verified.title", "verified.text", "USED");

    private final AddressVerification verification;
    private final LinkPages pages;

    VerificationController(AddressVerification verification, LinkPages pages) {
        this.verification = verification;
        this.pages = pages;
    }

    @GetMapping("/verify/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(verification.inspect(token), TEXTS, model, http, response);
    }

    @PostMapping("/verify/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(verification.confirm(token), TEXTS, model, http, response);
    }
}
