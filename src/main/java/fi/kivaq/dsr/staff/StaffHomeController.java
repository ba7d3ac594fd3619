package fi.kivaq.dsr.staff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;

/** The staff start page: the latest requests with the letters sent, and the way into Camunda Tasklist. Staff login required. */
@Controller
class StaffHomeController {

    /** A sealed letter as listed on the page: its id and type, linked to the stored file. */
    record SentLetter(long id, String letterType) {
    }

    private final RequestRepository requests;
    private final JdbcClient jdbc;

    StaffHomeController(RequestRepository requests, JdbcClient jdbc) {
        this.requests = requests;
        this.jdbc = jdbc;
    }

    @GetMapping("/staff")
    String home(Model model) {
        List<DsrRequest> latest = requests.findLatest(50);
        Map<Long, List<SentLetter>> letters = new HashMap<>();
        if (!latest.isEmpty()) {
            jdbc.sql("select id, request_id, letter_type from response_letter where request_id in (:ids) order by id")
                    .param("ids", latest.stream().map(DsrRequest::id).toList())
                    .query((rs, n) -> Map.entry(rs.getLong("request_id"),
                            new SentLetter(rs.getLong("id"), rs.getString("letter_type"))))
                    .list()
                    .forEach(e -> letters.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        model.addAttribute("requests", latest);
        model.addAttribute("letters", letters);
        return "web/staff/home";
    }
}
