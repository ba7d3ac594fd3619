package fi.kivaq.dsr.verification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import fi.kivaq.dsr.shared.RequestType;

/** The mailed verification link: GET shows a confirm button and changes nothing; POST confirms. */
@Controller
class VerificationController {

    private static final LinkPages.Texts TEXTS = new LinkPages.Texts("verify.title", "verify.text", "verify.button",
            "verified.title", "verified.text", "USED");
    /** An unsubscribe request stopped the newsletter when it was filed: the link brings only the confirmation. */
    private static final LinkPages.Texts UNSUBSCRIBE_TEXTS = new LinkPages.Texts("verify.title",
            "verify.text.UNSUBSCRIBE", "verify.button", "verified.title", "verified.text.UNSUBSCRIBE", "USED");

    private final AddressVerification verification;
    private final LinkPages pages;

    VerificationController(AddressVerification verification, LinkPages pages) {
        this.verification = verification;
        this.pages = pages;
    }

    @GetMapping("/verify/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        LinkPage page = verification.inspect(token);
        return pages.render(page, textsFor(page), model, http, response);
    }

    @PostMapping("/verify/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        LinkPage page = verification.confirm(token);
        return pages.render(page, textsFor(page), model, http, response);
    }

    /** By the request's type only, which the requester chose: the same page for every address. */
    private static LinkPages.Texts textsFor(LinkPage page) {
        return page.type() == RequestType.UNSUBSCRIBE ? UNSUBSCRIBE_TEXTS : TEXTS;
    }
}
