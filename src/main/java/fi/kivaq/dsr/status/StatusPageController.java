package fi.kivaq.dsr.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.LocaleResolver;

import fi.kivaq.dsr.deadline.RequestDeadlines;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.VerificationState;

/**
 * {@code /status/{token}}: where the requester's request stands. Looking changes nothing. Shown only once the
 * address was confirmed (or needed no confirmation); until then the page says only that, and a request closed
 * unconfirmed, an unknown, expired or revoked link all get the same "not valid" page. The page shows what the
 * requester typed or we decided (reference, type, dates, step, letters), never a name or an address.
 */
@Controller
class StatusPageController {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    /** One row of the page's timeline; {@code at} null: not yet. */
    record Milestone(String key, String at) {
    }

    /** A sealed letter as listed on the page. */
    record Letter(long id, String labelKey, String sentOn) {
    }

    private final RequestStatusLinks links;
    private final RequestRepository requests;
    private final RequestDeadlines deadlines;
    private final ResponseLetters letters;
    private final LocaleResolver localeResolver;

    StatusPageController(RequestStatusLinks links, RequestRepository requests, RequestDeadlines deadlines,
                         ResponseLetters letters, LocaleResolver localeResolver) {
        this.links = links;
        this.requests = requests;
        this.deadlines = deadlines;
        this.letters = letters;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/status/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        Optional<DsrRequest> found = links.requestOf(token).flatMap(requests::findById);
        if (found.isEmpty() || neverConfirmed(found.get())) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("reason", "UNKNOWN");
            return "web/link-invalid";
        }
        DsrRequest request = found.get();
        if (http.getParameter("lang") == null) {
            localeResolver.setLocale(http, response, request.language().locale());
        }
        if (request.status() == RequestStatus.AWAITING_VERIFICATION) {
            return "web/status-pending";
        }
        Locale locale = localeResolver.resolveLocale(http);
        // a Finnish company's English: 26 November 2026, not November 26, 2026
        Locale dateLocale = "en".equals(locale.getLanguage()) ? Locale.UK : locale;
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(dateLocale);
        Optional<RequestDeadlines.Deadline> deadline = deadlines.find(request.id());
        LocalDate due = deadline.map(RequestDeadlines.Deadline::dueDate).orElse(request.dueDate());

        model.addAttribute("token", token);
        model.addAttribute("reference", request.reference());
        model.addAttribute("type", request.type());
        model.addAttribute("received", day(request.receivedAt(), dates));
        model.addAttribute("due", due == null ? null : dates.format(due));
        model.addAttribute("extended", deadline.map(RequestDeadlines.Deadline::isExtended).orElse(false));
        model.addAttribute("answered", request.status() == RequestStatus.COMPLETED);
        model.addAttribute("step", "status.step." + request.status().name());
        model.addAttribute("milestones", List.of(
                new Milestone("status.milestone.received", day(request.receivedAt(), dates)),
                new Milestone(request.verificationState() == VerificationState.NOT_REQUIRED
                        ? "status.milestone.confirmationNotNeeded" : "status.milestone.confirmed",
                        day(request.verifiedAt() != null ? request.verifiedAt() : request.receivedAt(), dates)),
                new Milestone("status.milestone.answered", day(request.closedAt(), dates))));
        model.addAttribute("letters", letters.issuedFor(request.id()).stream()
                .map(letter -> new Letter(letter.id(), "status.letter." + letter.type().name(),
                        day(letter.createdAt(), dates)))
                .toList());
        return "web/status";
    }

    /** A sealed letter, byte for byte as mailed: the link was mailed to the requester's own address. */
    @GetMapping("/status/{token}/letters/{id}")
    ResponseEntity<byte[]> letter(@PathVariable String token, @PathVariable long id) {
        return links.requestOf(token).flatMap(requests::findById)
                .filter(request -> !neverConfirmed(request) && request.status() != RequestStatus.AWAITING_VERIFICATION)
                .flatMap(request -> letters.file(request.id(), id))
                .map(file -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(file.fileName()).build().toString())
                        .body(file.content()))
                .orElseGet(() -> ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build());
    }

    /** Closed because the address was never confirmed: nothing was done, and nothing is shown. */
    private static boolean neverConfirmed(DsrRequest request) {
        return request.status() == RequestStatus.CLOSED_UNVERIFIED
                || request.verificationState() == VerificationState.EXPIRED;
    }

    private static String day(Instant at, DateTimeFormatter dates) {
        return at == null ? null : dates.format(at.atZone(HELSINKI).toLocalDate());
    }
}
