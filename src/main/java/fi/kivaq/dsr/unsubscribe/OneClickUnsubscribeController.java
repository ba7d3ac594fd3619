package fi.kivaq.dsr.unsubscribe;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.shared.Language;

/**
 * The newsletter's one-click link. POST (RFC 8058 {@code List-Unsubscribe=One-Click} from a mail program, or the
 * button of the GET page) stops the newsletter before the response is sent. GET only shows the button, because
 * mail scanners open links.
 */
@Controller
class OneClickUnsubscribeController {

    private final NewsletterUnsubscribe unsubscribe;
    private final NewsletterLinks links;
    private final ContactRegister register;
    private final LocaleResolver localeResolver;

    OneClickUnsubscribeController(NewsletterUnsubscribe unsubscribe, NewsletterLinks links, ContactRegister register,
                                  LocaleResolver localeResolver) {
        this.unsubscribe = unsubscribe;
        this.links = links;
        this.register = register;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/unsubscribe/{token}")
    String show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<Language> language = links.contactFor(token)
                .map(contact -> register.languageOf(contact).flatMap(Language::fromCode).orElse(Language.DEFAULT));
        return language.map(l -> {
            localeResolver.setLocale(request, response, l.locale());
            return "web/unsubscribe";
        }).orElseGet(() -> invalid(response));
    }

    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        return unsubscribe.unsubscribeByLink(token).map(l -> {
            localeResolver.setLocale(request, response, l.locale());
            return "web/unsubscribe-done";
        }).orElseGet(() -> invalid(response));
    }

    private static String invalid(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "web/link-invalid";
    }
}
