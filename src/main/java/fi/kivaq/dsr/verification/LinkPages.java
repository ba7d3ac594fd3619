package fi.kivaq.dsr.verification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The one page pattern of every single-use link: GET shows what the link is about and a button, POST (the button)
 * confirms and shows the thank-you page; a used or expired link answers 410 and an unknown one 404, each with a
 * sentence in the language of the request (or of the subcontractor) the link belongs to.
 */
@Component
public class LinkPages {

    /**
     * The message keys of one kind of link page. {@code text} gets the reference as {0} and the request type's name
     * as {1}; {@code doneText} the reference. {@code usedReason} picks the {@code invalid.*} sentence for a used link.
     */
    public record Texts(String title, String text, String button, String doneTitle, String doneText,
                        String usedReason) {
    }

    private final LocaleResolver localeResolver;

    LinkPages(LocaleResolver localeResolver) {
        this.localeResolver = localeResolver;
    }

    /** The view name and model for the page, with its HTTP status and language set on the response. */
    public String render(LinkPage page, Texts texts, Model model, HttpServletRequest http,
                         HttpServletResponse response) {
        if (page.language() != null) {
            localeResolver.setLocale(http, response, page.language().locale());
        }
        model.addAttribute("texts", texts);
        model.addAttribute("reference", page.reference());
        model.addAttribute("type", page.type());
        if (page.confirmed()) {
            return "web/link-done";
        }
        switch (page.state()) {
            case VALID -> {
                return "web/link";
            }
            case UNKNOWN -> response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            case USED, EXPIRED -> response.setStatus(HttpServletResponse.SC_GONE);
        }
        model.addAttribute("reason", page.state() == LinkState.USED ? texts.usedReason() : page.state().name());
        return "web/link-invalid";
    }
}
