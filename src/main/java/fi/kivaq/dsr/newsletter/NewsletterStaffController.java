package fi.kivaq.dsr.newsletter;

import java.security.Principal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.kivaq.dsr.shared.Language;

/**
 * The newsletter's staff pages (group {@code dsr-newsletter}): the issues, a new issue, and one issue with its
 * preview in three languages, a test mail to the writer and, once, the send to the live audience.
 */
@Controller
class NewsletterStaffController {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 20000;

    private final NewsletterIssues issues;
    private final IdentityService identityService;

    NewsletterStaffController(NewsletterIssues issues, IdentityService identityService) {
        this.issues = issues;
        this.identityService = identityService;
    }

    @GetMapping("/staff/newsletter")
    String list(Model model) {
        model.addAttribute("issues", issues.newestFirst());
        model.addAttribute("form", Map.of());
        model.addAttribute("errors", Map.of());
        model.addAttribute("languages", Language.values());
        return "web/staff/newsletter-issues";
    }

    @PostMapping("/staff/newsletter")
    String create(@RequestParam Map<String, String> form, Principal staff, HttpServletResponse response, Model model) {
        Map<String, String> errors = errors(form);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("issues", issues.newestFirst());
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("languages", Language.values());
            return "web/staff/newsletter-issues";
        }
        long id = issues.create(texts(form), staff.getName());
        return "redirect:/staff/newsletter/" + id;
    }

    @GetMapping("/staff/newsletter/{id}")
    String show(@PathVariable long id, Model model) {
        NewsletterIssues.Issue issue = issue(id);
        return page(issue, formOf(issue), Map.of(), model);
    }

    @PostMapping("/staff/newsletter/{id}")
    String save(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletResponse response,
                Model model, RedirectAttributes redirect) {
        NewsletterIssues.Issue issue = issue(id);
        Map<String, String> errors = errors(form);
        if (!issue.draft()) {
            errors.put("status", "newsletter.staff.error.sent");
        }
        if (!errors.isEmpty()) {
            response.setStatus(issue.draft() ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
            return page(issue, form, errors, model);
        }
        issues.update(id, texts(form));
        redirect.addFlashAttribute("notice", "newsletter.staff.saved");
        return "redirect:/staff/newsletter/" + id;
    }

    /** The HTML alternative as subscribers will see it, in a sandbox: it is mail, not one of our pages. */
    @GetMapping(path = "/staff/newsletter/{id}/preview/{language}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> htmlPreview(@PathVariable long id, @PathVariable String language) {
        Language lang = Language.fromCode(language).orElseThrow(() -> new IssueNotFound("no such language"));
        return ResponseEntity.ok()
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(issues.preview(issue(id), lang).html());
    }

    @PostMapping("/staff/newsletter/{id}/test")
    String test(@PathVariable long id, Principal staff, HttpServletResponse response, Model model,
                RedirectAttributes redirect) {
        NewsletterIssues.Issue issue = issue(id);
        User user = identityService.createUserQuery().userId(staff.getName()).singleResult();
        String address = user == null ? null : user.getEmail();
        if (address == null || address.isBlank()) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page(issue, formOf(issue), Map.of("test", "newsletter.staff.error.noAddress"), model);
        }
        issues.sendTest(issue, address);
        redirect.addFlashAttribute("notice", "newsletter.staff.testSent");
        redirect.addFlashAttribute("noticeArgument", address);
        return "redirect:/staff/newsletter/" + id;
    }

    @PostMapping("/staff/newsletter/{id}/send")
    String send(@PathVariable long id, @RequestParam(name = "confirm", required = false) String confirm,
                Principal staff, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        NewsletterIssues.Issue issue = issue(id);
        if (!"yes".equals(confirm)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(issue, formOf(issue), Map.of("confirm", "newsletter.staff.error.confirm"), model);
        }
        NewsletterIssues.Sent sent = issues.send(id, staff.getName());
        if (!sent.now()) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page(issue(id), formOf(issue), Map.of("status", "newsletter.staff.error.sent"), model);
        }
        redirect.addFlashAttribute("notice", "newsletter.staff.sent");
        redirect.addFlashAttribute("noticeArgument", sent.recipients());
        return "redirect:/staff/newsletter/" + id;
    }

    private NewsletterIssues.Issue issue(long id) {
        return issues.find(id).orElseThrow(() -> new IssueNotFound("no newsletter issue " + id));
    }

    private String page(NewsletterIssues.Issue issue, Map<String, String> form, Map<String, String> errors,
                        Model model) {
        Map<Language, fi.kivaq.dsr.mail.MailOutbox.Preview> previews = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            previews.put(language, issues.preview(issue, language));
        }
        model.addAttribute("issue", issue);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("previews", previews);
        model.addAttribute("languages", Language.values());
        return "web/staff/newsletter-issue";
    }

    private static Map<String, String> formOf(NewsletterIssues.Issue issue) {
        Map<String, String> form = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            form.put("subject_" + language.code(), issue.text(language).subject());
            form.put("body_" + language.code(), issue.text(language).body());
        }
        return form;
    }

    private static Map<String, String> errors(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            String subject = form.getOrDefault("subject_" + language.code(), "").strip();
            String body = form.getOrDefault("body_" + language.code(), "").strip();
            if (subject.isEmpty() || subject.length() > MAX_SUBJECT || subject.contains("\n")
                    || subject.contains("\r")) {
                errors.put("subject_" + language.code(), "newsletter.staff.error.subject");
            }
            if (body.isEmpty() || body.length() > MAX_BODY) {
                errors.put("body_" + language.code(), "newsletter.staff.error.body");
            }
        }
        return errors;
    }

    private static Map<Language, NewsletterIssues.Text> texts(Map<String, String> form) {
        Map<Language, NewsletterIssues.Text> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            texts.put(language, new NewsletterIssues.Text(form.get("subject_" + language.code()).strip(),
                    form.get("body_" + language.code()).strip().replace("\r\n", "\n")));
        }
        return texts;
    }
}
