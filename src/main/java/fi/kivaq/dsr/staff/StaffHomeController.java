package fi.kivaq.dsr.staff;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;

/** The staff start page: the latest requests with the letters sent, and the way into Camunda Tasklist. Staff login required. */
@Controller
class StaffHomeController {

    private final RequestRepository requests;
    private final ResponseLetters letters;

    StaffHomeController(RequestRepository requests, ResponseLetters letters) {
        this.requests = requests;
        this.letters = letters;
    }

    @GetMapping("/staff")
    String home(Model model) {
        List<DsrRequest> latest = requests.findLatest(50);
        model.addAttribute("requests", latest);
        model.addAttribute("letters", letters.sentFor(latest.stream().map(DsrRequest::id).toList()));
        return "web/staff/home";
    }
}
