package fi.kivaq.dsr.rectification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import fi.kivaq.dsr.verification.LinkPages;

/**
 * The link mailed to a new e-mail address: GET shows a confirm button and changes nothing (mail scanners fetch
 * links); POST confirms. Neither shows the address, old or new.
 */
@Controller
class AddressConfirmationController {

    private static final LinkPages.Texts TEXTS = new LinkPages.Texts("confirmAddress.title", "confirmAddress.text",
            "confirmAddress.button", "confirmAddress.done.title", "confirmAddress.done.text", "USED");

    private final NewAddressConfirmation confirmation;
    private final LinkPages pages;

    AddressConfirmationController(NewAddressConfirmation confirmation, LinkPages pages) {
        this.confirmation = confirmation;
        this.pages = pages;
    }

    @GetMapping("/confirm-address/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(confirmation.inspect(token), TEXTS, model, http, response);
    }

    @PostMapping("/confirm-address/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(confirmation.confirm(token), TEXTS, model, http, response);
    }
}
