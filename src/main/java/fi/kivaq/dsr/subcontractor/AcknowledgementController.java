package fi.kivaq.dsr.subcontractor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;

import fi.kivaq.dsr.shared.Language;

/** The subcontractor's confirmation link: GET shows a button and changes nothing; POST records the confirmation. */
@Controller
class AcknowledgementController {

    private final SubcontractorNotifications notifications;
    private final LocaleResolver localeResolver;

    AcknowledgementController(SubcontractorNotifications notifications, LocaleResolver localeResolver) {
        this.notifications = notifications;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/acknowledge/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return page(notifications.inspect(token), "web/acknowledge", model, request, response);
    }

    @PostMapping("/acknowledge/{token}")
    String acknowledge(@PathVariable String token, Model model, HttpServletRequest request,
                       HttpServletResponse response) {
        SubcontractorNotifications.Acknowledgement before = notifications.inspect(token);
        if (before.state() != SubcontractorNotifications.LinkState.VALID) {
            return page(before, null, model, request, response);
        }
        return page(notifications.acknowledge(token), null, model, request, response);
    }

    private String page(SubcontractorNotifications.Acknowledgement ack, String validView, Model model,
                        HttpServletRequest request, HttpServletResponse response) {
        if (ack.language() != null) {
            Language.fromCode(ack.language())
                    .ifPresent(l -> localeResolver.setLocale(request, response, l.locale()));
        }
        model.addAttribute("reference", ack.reference());
        switch (ack.state()) {
            case VALID -> {
                return validView;
            }
            case CONFIRMED -> {
                return "web/acknowledged";
            }
            case UNKNOWN -> response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            case USED -> response.setStatus(HttpServletResponse.SC_GONE);
        }
        model.addAttribute("reason", ack.state() == SubcontractorNotifications.LinkState.USED ? "ACKNOWLEDGED" : "UNKNOWN");
        return "web/link-invalid";
    }
}
