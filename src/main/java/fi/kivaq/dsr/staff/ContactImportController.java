package fi.kivaq.dsr.staff;

import java.io.IOException;
import java.util.Arrays;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import fi.kivaq.dsr.register.ContactImport;
import fi.kivaq.dsr.register.ContactImportColumns;
import fi.kivaq.dsr.register.StagedImports;

/**
 * The register import page: upload a CSV, see its dry run, then apply exactly that file (kept server-side by a
 * token, never uploaded twice) or discard it. The register module does the work and the audit.
 */
@Controller
class ContactImportController {

    private final StagedImports staged;

    ContactImportController(StagedImports staged) {
        this.staged = staged;
    }

    @GetMapping("/staff/contacts/import")
    String form(Model model) {
        model.addAttribute("columns", ContactImportColumns.documented());
        return "web/staff/import";
    }

    @PostMapping("/staff/contacts/import")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, Authentication staff,
                  Model model) throws IOException {
        model.addAttribute("columns", ContactImportColumns.documented());
        if (file == null || file.isEmpty()) {
            model.addAttribute("problem", "staff.import.noFile");
            return "web/staff/import";
        }
        StagedImports.Staged dryRun = staged.stage(file.getBytes(), staff.getName());
        model.addAttribute("token", dryRun.token());
        model.addAttribute("report", dryRun.dryRun());
        model.addAttribute("outcomes", Arrays.asList(ContactImport.Outcome.values()));
        return "web/staff/import";
    }

    @PostMapping("/staff/contacts/import/apply")
    String apply(@RequestParam String token, Authentication staff, Model model) {
        model.addAttribute("columns", ContactImportColumns.documented());
        model.addAttribute("outcomes", Arrays.asList(ContactImport.Outcome.values()));
        return staged.apply(token, staff.getName()).map(report -> {
            model.addAttribute("report", report);
            if (!report.applied()) {
                model.addAttribute("token", token);
            }
            return "web/staff/import";
        }).orElseGet(() -> {
            model.addAttribute("problem", "staff.import.gone");
            return "web/staff/import";
        });
    }

    @PostMapping("/staff/contacts/import/discard")
    String discard(@RequestParam String token) {
        staged.discard(token);
        return "redirect:/staff/contacts/import";
    }
}
