package fi.kivaq.dsr.staff;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fi.kivaq.dsr.request.RequestRepository;

/** The staff start page: the latest requests, and the way into Camunda Tasklist. Staff login required. */
@Controller
class StaffHomeController {

    private final RequestRepository requests;

    StaffHomeController(RequestRepository requests) {
        this.requests = requests;
    }

    @GetMapping("/staff")
    String home(Model model) {
        model.addAttribute("requests", requests.findLatest(50));
        return "web/staff/home";
    }
}
