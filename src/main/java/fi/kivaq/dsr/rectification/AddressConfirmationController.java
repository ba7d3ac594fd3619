package fi.kivaq.dsr.rectification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The link mailed to a new e-mail address: GET shows a confirm button and changes nothing (mail scanners fetch
 * links); POST confirms. Neither shows the address, old or new.
 */
@Controller
class AddressConfirmationController {

    private final Rectifications rectifications;
    private final LocaleResolver localeResolver;

    AddressConfirmationController(Rectifications rectifications, LocaleResolver localeResolver) {
        this.rectifications = rectifications;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/confirm-address/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return page(rectifications.inspectAddressLink(token), "web/confirm-address", model, http, response);
    }

    @PostMapping("/confirm-address/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        Rectifications.LinkStatus before = rectifications.inspectAddressLink(token);
        if (before.state() != Rectifications.LinkState.VALID) {
            return page(before, null, model, http, response);
        }
        return page(rectifications.confirmAddress(token), null, model, http, response);
    }

    private String page(Rectifications.LinkStatus status, String validView, Model model, HttpServletRequest http,
                        HttpServletResponse response) {
        if (status.request() != null) {
            localeResolver.setLocale(http, response, status.request().language().locale());
            model.addAttribute("reference", status.request().reference());
        }
        switch (status.state()) {
            case VALID -> {
                return validView;
            }
            case CONFIRMED -> {
                return "web/confirm-address-done";
            }
            case UNKNOWN -> response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            case USED, EXPIRED -> response.setStatus(HttpServletResponse.SC_GONE);
        }
        model.addAttribute("reason", status.state().name());
        return "web/link-invalid";
    }
}
