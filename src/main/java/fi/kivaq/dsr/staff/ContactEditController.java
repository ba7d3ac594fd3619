package fi.kivaq.dsr.staff;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.kivaq.dsr.register.ContactEditing;

/**
 * Staff add a contact and edit one (the register module validates, writes and audits). An edit of data that a
 * subcontractor received first shows the recipients and the features' links (a correction tells them, Art. 19);
 * saving anyway needs an explicit choice.
 */
@Controller
class ContactEditController {

    private final ContactEditing editing;
    private final List<ContactPageLink> links;

    ContactEditController(ContactEditing editing, List<ContactPageLink> links) {
        this.editing = editing;
        this.links = links;
    }

    @GetMapping("/staff/contacts/new")
    String newContact(Model model) {
        return form(model, null, new ContactEditing.Values("", "", "", "", "fi", ""), Map.of());
    }

    @PostMapping("/staff/contacts/new")
    String create(@RequestParam Map<String, String> form, Authentication staff, Model model) {
        ContactEditing.Values values = values(form);
        ContactEditing.Outcome outcome = editing.create(values, staff.getName());
        if (!outcome.saved()) {
            return form(model, null, values, outcome.problems());
        }
        return "redirect:/staff/contacts/" + outcome.contactId();
    }

    @GetMapping("/staff/contacts/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        ContactEditing.Values current = editing.current(id);
        if (current == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return form(model, id, current, Map.of());
    }

    @PostMapping("/staff/contacts/{id}/edit")
    String save(@PathVariable long id, @RequestParam Map<String, String> form, Authentication staff, Model model) {
        if (editing.current(id) == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ContactEditing.Values values = values(form);
        ContactEditing.Outcome outcome = editing.edit(id, values, "true".equals(form.get("withoutNotifying")),
                staff.getName());
        if (!outcome.saved()) {
            model.addAttribute("recipients", outcome.recipients());
            model.addAttribute("links", links.stream()
                    .map(link -> new RegisterViewController.Link(link.label(), link.path(id))).toList());
            return form(model, id, values, outcome.problems());
        }
        return "redirect:/staff/contacts/" + id;
    }

    private static String form(Model model, Long id, ContactEditing.Values values, Map<String, String> problems) {
        model.addAttribute("contactId", id);
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("sources", List.of("ORDER_FORM", "CONTACT_FORM", "EMAIL", "EVENT"));
        return "web/staff/contact-form";
    }

    private static ContactEditing.Values values(Map<String, String> form) {
        return new ContactEditing.Values(form.get("name"), form.get("email"), form.get("role"),
                form.get("organisation"), form.get("language"), form.get("source"));
    }
}
