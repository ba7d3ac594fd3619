package fi.kivaq.dsr.staff;

import java.time.LocalDate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fi.kivaq.dsr.register.ContactDirectory;
import fi.kivaq.dsr.register.RegisterExport;

/** The register, or a search result, as a CSV download (the import's columns); the register module audits it. */
@Controller
class RegisterExportController {

    private final RegisterExport export;

    RegisterExportController(RegisterExport export) {
        this.export = export;
    }

    @GetMapping("/staff/contacts/export")
    ResponseEntity<byte[]> export(@RequestParam(name = "q", required = false) String q, Authentication staff) {
        String term = q == null ? "" : q.strip();
        if (term.length() > ContactDirectory.MAX_TERM_LENGTH) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(new byte[0]);
        }
        RegisterExport.Export file = export.export(term, staff.getName());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("register-" + LocalDate.now() + ".csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.csv());
    }
}
