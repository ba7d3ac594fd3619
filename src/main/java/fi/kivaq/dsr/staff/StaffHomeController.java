package fi.kivaq.dsr.staff;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.register.ContactDirectory;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestList;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The staff start page: the request list to work on — search by reference, address or name, filters by type,
 * status, channel, deadline and assignee, three orders, and pages that continue from the last row shown — with
 * the letters sent and each request's current task. A search by address or name finds people, so it is audited
 * as the register search is (without the term). Staff login required.
 */
@Controller
class StaffHomeController {

    static final int PAGE_SIZE = 25;
    static final int MAX_TERM_LENGTH = ContactDirectory.MAX_TERM_LENGTH;

    private final RequestList list;
    private final ResponseLetters letters;
    private final ContactDirectory directory;
    private final OpenTasks tasks;
    private final AuditLog audit;
    private final Clock clock;

    StaffHomeController(RequestList list, ResponseLetters letters, ContactDirectory directory, OpenTasks tasks,
                        AuditLog audit, Clock clock) {
        this.list = list;
        this.letters = letters;
        this.directory = directory;
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
    }

    /** The list's filters as they came in the link; blank means "any". */
    record Filters(String q, String type, String status, String channel, String due, String assignee, String sort) {

        Filters {
            q = q == null ? "" : q.strip();
            type = blankToEmpty(type);
            status = blankToEmpty(status);
            channel = blankToEmpty(channel);
            due = blankToEmpty(due);
            assignee = blankToEmpty(assignee);
            sort = blankToEmpty(sort);
        }

        private static String blankToEmpty(String value) {
            return value == null ? "" : value.strip();
        }

        public boolean any() {
            return !(q + type + status + channel + due + assignee).isEmpty();
        }

        /** The link to this list with these filters, and the page's position. */
        String link(Integer page, String after, String before) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/staff");
            add(uri, "q", q);
            add(uri, "type", type);
            add(uri, "status", status);
            add(uri, "channel", channel);
            add(uri, "due", due);
            add(uri, "assignee", assignee);
            add(uri, "sort", sort);
            if (page != null && page > 1) {
                uri.queryParam("page", page);
                add(uri, "after", after);
                add(uri, "before", before);
            }
            return uri.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder uri, String name, String value) {
            if (value != null && !value.isEmpty()) {
                uri.queryParam(name, value);
            }
        }
    }

    /** A row of the list: the request, its letters, and its current task if any. */
    record Row(DsrRequest request, List<ResponseLetters.SentLetter> letters, OpenTasks.Current task) {
    }

    @GetMapping("/staff")
    String home(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
                @RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String due, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") String page,
                @RequestParam(required = false) String after, @RequestParam(required = false) String before,
                Authentication staff, Model model, HttpServletResponse response) {
        Filters filters = new Filters(q, type, status, channel, due, assignee, sort);
        model.addAttribute("filters", filters);
        model.addAttribute("types", List.of(RequestType.values()));
        model.addAttribute("statuses", List.of(RequestStatus.values()));
        model.addAttribute("channels", List.of(RequestChannel.values()));
        model.addAttribute("dueWindows", List.of(RequestList.DueWindow.values()));
        model.addAttribute("sorts", List.of(RequestList.Sort.values()));
        model.addAttribute("assignees", tasks.assignees());
        model.addAttribute("maxTermLength", MAX_TERM_LENGTH);

        List<String> problems = new ArrayList<>();
        Optional<RequestType> typeFilter = parse(RequestType.class, filters.type(), "type", problems);
        Optional<RequestStatus> statusFilter = parse(RequestStatus.class, filters.status(), "status", problems);
        Optional<RequestChannel> channelFilter = parse(RequestChannel.class, filters.channel(), "channel", problems);
        Optional<RequestList.DueWindow> dueFilter = parse(RequestList.DueWindow.class, filters.due(), "due", problems);
        RequestList.Sort order = parse(RequestList.Sort.class, filters.sort(), "sort", problems)
                .orElse(RequestList.Sort.NEWEST);
        int pageNumber = pageNumber(page, problems);
        if (filters.q().length() > MAX_TERM_LENGTH) {
            problems.add("staff.list.problem.termTooLong");
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", problems);
            model.addAttribute("rows", List.of());
            model.addAttribute("page", 1);
            return "web/staff/home";
        }

        List<Long> contacts = List.of();
        RequestList.Criteria probe = new RequestList.Criteria(filters.q(), null, null, null, null, null, null, null,
                order);
        boolean searchesPeople = !probe.term().isEmpty() && !probe.searchesByReference();
        if (searchesPeople && probe.term().length() >= ContactDirectory.MIN_TERM_LENGTH) {
            contacts = directory.search(probe.term()).matches().stream().map(ContactDirectory.Match::id).toList();
        }
        Set<String> assigned = filters.assignee().isEmpty() ? null : tasks.referencesAssignedTo(filters.assignee());
        LocalDate today = LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
        RequestList.Criteria criteria = new RequestList.Criteria(filters.q(), contacts, typeFilter.orElse(null),
                statusFilter.orElse(null), channelFilter.orElse(null), dueFilter.orElse(null), today, assigned, order);
        RequestList.Cursor from = RequestList.Cursor.parse(after, order).orElse(null);
        RequestList.Cursor to = from == null ? RequestList.Cursor.parse(before, order).orElse(null) : null;
        int offset = from == null && to == null ? (pageNumber - 1) * PAGE_SIZE : 0;
        RequestList.Page result = list.page(criteria, from, to, offset, PAGE_SIZE);
        if (searchesPeople) {
            audit.recordRequestSearch(staff.getName(), result.rows().size());
        }

        List<DsrRequest> rows = result.rows();
        Map<Long, List<ResponseLetters.SentLetter>> sent = letters.sentFor(rows.stream().map(DsrRequest::id).toList());
        Map<String, OpenTasks.Current> current = tasks.currentFor(rows.stream().map(DsrRequest::reference).toList());
        model.addAttribute("rows", rows.stream().map(r -> new Row(r, sent.getOrDefault(r.id(), List.of()),
                current.get(r.reference()))).toList());
        model.addAttribute("page", pageNumber);
        if (result.next() != null) {
            model.addAttribute("nextLink", filters.link(pageNumber + 1, result.next().toString(), null));
        }
        if (result.previous() != null) {
            model.addAttribute("previousLink", filters.link(pageNumber - 1, null,
                    pageNumber - 1 > 1 ? result.previous().toString() : null));
        }
        return "web/staff/home";
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value, String field,
                                                         List<String> problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> found = Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(value.toUpperCase(Locale.ROOT))).findFirst();
        if (found.isEmpty()) {
            problems.add("staff.list.problem." + field);
        }
        return found;
    }

    private static int pageNumber(String page, List<String> problems) {
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        problems.add("staff.list.problem.page");
        return 1;
    }
}
