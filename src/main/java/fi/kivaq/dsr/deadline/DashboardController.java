package fi.kivaq.dsr.deadline;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

import fi.kivaq.dsr.retention.RetentionReviews;

/** {@code /staff/dashboard} and the extension action: managers only (see SecurityConfig). */
@Controller
class DashboardController {

    private final ManagerDashboard dashboard;
    private final DeadlineExtension extension;
    private final RetentionReviews retentionReviews;

    DashboardController(ManagerDashboard dashboard, DeadlineExtension extension, RetentionReviews retentionReviews) {
        this.dashboard = dashboard;
        this.extension = extension;
        this.retentionReviews = retentionReviews;
    }

    @GetMapping("/staff/dashboard")
    String dashboard(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("view", dashboard.view(page));
        model.addAttribute("retentionDue", retentionReviews.dueCount());
        return "web/staff/dashboard";
    }

    @PostMapping("/staff/requests/{reference}/extension")
    String extend(@PathVariable String reference, @RequestParam(defaultValue = "") String reason,
                  Principal manager, Model model, HttpServletResponse response) {
        DeadlineExtension.Result result = extension.extend(reference, reason, manager.getName());
        if (!result.extended()) {
            response.setStatus(result.refusal() == DeadlineExtension.Refusal.NOT_FOUND
                    ? HttpStatus.NOT_FOUND.value() : HttpStatus.CONFLICT.value());
        }
        model.addAttribute("result", result);
        return "web/staff/extension-result";
    }
}
