package fi.kivaq.dsr.event;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The events' staff pages (any staff login): the events and a new one; one event with its attendees, the form to add
 * one by hand, the correction of the event and the removal of an attendance, and the attendee list's import with its
 * dry run. The dry run's page carries the file back with its
 * apply button, so nothing of the file is kept on the server between the two (the apply plans it again).
 */
@Controller
class EventStaffController {

    private final Events events;
    private final Attendances attendances;
    private final AttendeeImport attendeeImport;

    EventStaffController(Events events, Attendances attendances, AttendeeImport attendeeImport) {
        this.events = events;
        this.attendances = attendances;
        this.attendeeImport = attendeeImport;
    }

    static String path(long eventId) {
        return "/staff/events/" + eventId;
    }

    @GetMapping("/staff/events")
    String list(Model model) {
        return listPage(model, Map.of(), Map.of());
    }

    @PostMapping("/staff/events")
    String create(@RequestParam Map<String, String> form, Authentication staff, HttpServletResponse response,
                  Model model) {
        Events.Created created = events.create(form.get("name"), form.get("heldOn"), form.get("kind"),
                staff.getName());
        if (created.id() == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return listPage(model, form, created.problems());
        }
        return "redirect:" + path(created.id());
    }

    @GetMapping("/staff/events/{id}")
    String show(@PathVariable long id, Authentication staff, Model model) {
        return eventPage(id, staff, model, Map.of(), List.of());
    }

    @PostMapping("/staff/events/{id}/attendees")
    String add(@PathVariable long id, @RequestParam Map<String, String> form, Authentication staff,
               HttpServletResponse response, Model model, RedirectAttributes flash) {
        AttendeeConsent consent = "EVENT_AND_NEWSLETTER".equals(form.get("consent"))
                ? AttendeeConsent.EVENT_AND_NEWSLETTER
                : "EVENT_ONLY".equals(form.get("consent")) ? AttendeeConsent.EVENT_ONLY : null;
        Attendances.Attendee typed = new Attendances.Attendee(form.get("name"), form.get("email"),
                form.get("organisation"), form.get("language"), consent, form.get("textVersion"));
        if (consent == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return eventPage(id, staff, model, form,
                    List.of(new Attendances.Problem("consent", "event.attendee.error.consent", List.of())));
        }
        Attendances.Added added = attendances.addByHand(id, typed, staff.getName());
        if (!added.problems().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return eventPage(id, staff, model, form, added.problems());
        }
        if (added.outcome() == Attendances.Outcome.SKIP_RESTRICTED) {
            // refused: recording the attendance would process a restricted contact's data (Art. 18)
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return eventPage(id, staff, model, form,
                    List.of(new Attendances.Problem("email", "event.attendee.error.restricted", List.of())));
        }
        flash.addFlashAttribute("flash", "event.attendee.added." + added.outcome().name());
        flash.addFlashAttribute("flashArgument", "");
        return "redirect:" + path(id);
    }

    /** Corrects the event's name, date or kind. */
    @PostMapping("/staff/events/{id}/edit")
    String edit(@PathVariable long id, @RequestParam Map<String, String> form, Authentication staff,
                HttpServletResponse response, Model model, RedirectAttributes flash) {
        Map<String, String> problems = events.update(id, form.get("name"), form.get("heldOn"), form.get("kind"),
                staff.getName());
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("editForm", form);
            model.addAttribute("editProblems", problems);
            return eventPage(id, staff, model, Map.of(), List.of());
        }
        flash.addFlashAttribute("flash", "event.edit.saved");
        flash.addFlashAttribute("flashArgument", "");
        return "redirect:" + path(id);
    }

    /** Removes one attendance recorded by mistake; a restricted contact's is refused. */
    @PostMapping("/staff/events/{id}/attendees/{contactId}/remove")
    String remove(@PathVariable long id, @PathVariable long contactId, Authentication staff,
                  HttpServletResponse response, Model model, RedirectAttributes flash) {
        Attendances.Removal removal = attendances.remove(id, contactId, staff.getName());
        if (removal != Attendances.Removal.REMOVED) {
            response.setStatus(removal == Attendances.Removal.RESTRICTED ? HttpServletResponse.SC_CONFLICT
                    : HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("removeProblem", "event.attendee.remove." + removal.name());
            return eventPage(id, staff, model, Map.of(), List.of());
        }
        flash.addFlashAttribute("flash", "event.attendee.remove.REMOVED");
        flash.addFlashAttribute("flashArgument", "");
        return "redirect:" + path(id);
    }

    @PostMapping("/staff/events/{id}/import")
    String upload(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
                  Authentication staff, HttpServletResponse response, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("importProblem", "event.import.noFile");
            return eventPage(id, staff, model, Map.of(), List.of());
        }
        byte[] bytes = file.getBytes();
        AttendeeImport.Report report = attendeeImport.dryRun(id, bytes, staff.getName());
        model.addAttribute("report", report);
        if (report.valid()) {
            model.addAttribute("content", Base64.getEncoder().encodeToString(bytes));
        }
        return eventPage(id, staff, model, Map.of(), List.of());
    }

    @PostMapping("/staff/events/{id}/import/apply")
    String apply(@PathVariable long id, @RequestParam(name = "content", required = false) String content,
                 Authentication staff, HttpServletResponse response, Model model) {
        byte[] bytes;
        try {
            bytes = content == null ? new byte[0] : Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException notBase64) {
            bytes = new byte[0];
        }
        if (bytes.length == 0) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("importProblem", "event.import.noFile");
            return eventPage(id, staff, model, Map.of(), List.of());
        }
        model.addAttribute("report", attendeeImport.apply(id, bytes, staff.getName()));
        return eventPage(id, staff, model, Map.of(), List.of());
    }

    private String listPage(Model model, Map<String, String> form, Map<String, String> problems) {
        model.addAttribute("events", events.newestFirst());
        model.addAttribute("kinds", EventKind.values());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        return "web/staff/events";
    }

    private String eventPage(long id, Authentication staff, Model model, Map<String, String> form,
                             List<Attendances.Problem> problems) {
        Events.Event event = events.get(id);
        model.addAttribute("event", event);
        if (!model.containsAttribute("editForm")) {
            model.addAttribute("editForm", Map.of("name", event.name(), "heldOn", event.heldOn().toString(),
                    "kind", event.kind().name()));
            model.addAttribute("editProblems", Map.of());
        }
        model.addAttribute("kinds", EventKind.values());
        model.addAttribute("attendees", attendances.attendees(id, staff.getName()));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("consents", AttendeeConsent.values());
        model.addAttribute("outcomes", Arrays.asList(Attendances.Outcome.values()));
        model.addAttribute("columns", AttendeeImport.columns());
        return "web/staff/event";
    }
}
