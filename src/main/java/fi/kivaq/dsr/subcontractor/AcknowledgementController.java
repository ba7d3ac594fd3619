package fi.kivaq.dsr.subcontractor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import fi.kivaq.dsr.verification.LinkPages;

/** The subcontractor's confirmation link: GET shows a button and changes nothing; POST records the confirmation. */
@Controller
class AcknowledgementController {

    private static final LinkPages.Texts TEXTS = new LinkPages.Texts("ack.title", "ack.text", "ack.button",
            "acked.title", "acked.text", "ACKNOWLEDGED");

    private final Acknowledgements acknowledgements;
    private final LinkPages pages;

    AcknowledgementController(Acknowledgements acknowledgements, LinkPages pages) {
        this.acknowledgements = acknowledgements;
        this.pages = pages;
    }

    @GetMapping("/acknowledge/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        return pages.render(acknowledgements.inspect(token), TEXTS, model, http, response);
    }

    @PostMapping("/acknowledge/{token}")
    String acknowledge(@PathVariable String token, Model model, HttpServletRequest http,
                       HttpServletResponse response) {
        return pages.render(acknowledgements.acknowledge(token), TEXTS, model, http, response);
    }
}
