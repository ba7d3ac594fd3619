package fi.kivaq.dsr.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import fi.kivaq.dsr.verification.LinkPages;

/** The mailed confirmation link of a sign-up: GET shows a button and changes nothing; POST confirms the consent. */
@Controller
class ConfirmationController {

    private static final LinkPages.Texts TEXTS = new LinkPages.Texts("newsletter.confirm.title",
            "newsletter.confirm.text", "newsletter.confirm.button", "newsletter.confirmed.title",
            "newsletter.confirmed.text", "NEWSLETTER");

    private final NewsletterSubscriptions subscriptions;
    private final LinkPages pages;

    ConfirmationController(NewsletterSubscriptions subscriptions, LinkPages pages) {
        this.subscriptions = subscriptions;
        this.pages = pages;
    }

    @GetMapping("/newsletter/confirm/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(subscriptions.inspect(token), TEXTS, model, http, response);
    }

    @PostMapping("/newsletter/confirm/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(subscriptions.confirm(token), TEXTS, model, http, response);
    }
}
