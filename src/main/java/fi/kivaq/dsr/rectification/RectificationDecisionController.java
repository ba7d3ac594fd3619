package fi.kivaq.dsr.rectification;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The staff page where a rectification is decided: the requester's description beside the register's current
 * values, a requested value and an approve box per field, and the reason for whatever is refused. Saving records
 * the decision in our tables and completes the Tasklist task in the same transaction. Every view is audited.
 */
@Controller
class RectificationDecisionController {

    private final RequestRepository requests;
    private final Rectifications rectifications;
    private final AuditLog audit;
    private final TaskService taskService;

    RectificationDecisionController(RequestRepository requests, Rectifications rectifications, AuditLog audit,
                                    TaskService taskService) {
        this.requests = requests;
        this.rectifications = rectifications;
        this.audit = audit;
        this.taskService = taskService;
    }

    /** The Tasklist form knows only the request id. */
    @GetMapping("/staff/requests/id/{id}/rectification")
    String byId(@PathVariable long id) {
        DsrRequest request = requests.findById(id).orElseThrow(RectificationDecisionController::notFound);
        return "redirect:/staff/requests/" + request.reference() + "/rectification";
    }

    @GetMapping("/staff/requests/{reference}/rectification")
    @Transactional
    String page(@PathVariable String reference, Authentication staff, Model model) {
        DsrRequest request = rectification(reference);
        audit.record(staff.getName(), AuditLog.Action.VIEW_RECTIFICATION, request, "register values beside the request");
        Map<Field, String> proposed = new EnumMap<>(Field.class);
        Set<Field> approved = EnumSet.noneOf(Field.class);
        for (Rectifications.Change change : rectifications.changes(request.id())) {
            proposed.put(change.field(), change.newValue());
            if (change.decision() == Rectifications.Decision.APPROVED) {
                approved.add(change.field());
            }
        }
        return show(request, proposed, approved,
                rectifications.decision(request.id()).map(Rectifications.DecisionRecord::reason).orElse(""),
                Map.of(), model);
    }

    @PostMapping("/staff/requests/{reference}/rectification")
    @Transactional
    String decide(@PathVariable String reference, @RequestParam MultiValueMap<String, String> form,
                  Authentication staff, Model model, HttpServletResponse response) {
        DsrRequest request = rectification(reference);
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            values.put(field, Optional.ofNullable(form.getFirst("value." + field.name())).orElse(""));
        }
        Set<Field> approved = EnumSet.noneOf(Field.class);
        List<String> approvals = Optional.ofNullable(form.get("approve")).orElse(List.of());
        for (Field field : Field.values()) {
            if (approvals.contains(field.name())) {
                approved.add(field);
            }
        }
        String reason = Optional.ofNullable(form.getFirst("reason")).orElse("");
        Optional<Task> task = decisionTask(request);
        if (task.isEmpty()) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(request, values, approved, reason, Map.of("decision", "rectification.error.noTask"), model);
        }
        Rectifications.Problems problems = rectifications.decide(request.id(), values, approved, reason, staff.getName());
        if (!problems.none()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(request, values, approved, reason, problems.byField(), model);
        }
        audit.record(staff.getName(), AuditLog.Action.DECIDE_RECTIFICATION, request,
                "approved " + approved.stream().map(Field::name).toList());
        taskService.setAssignee(task.get().getId(), staff.getName());
        taskService.complete(task.get().getId());
        return "redirect:/staff/requests/" + reference;
    }

    private String show(DsrRequest request, Map<Field, String> proposed, Set<Field> approved, String reason,
                        Map<String, String> problems, Model model) {
        Optional<Long> contact = rectifications.contactFor(request);
        model.addAttribute("request", request);
        model.addAttribute("fields", Field.values());
        model.addAttribute("current", contact.map(rectifications::currentValues).orElse(Map.of()));
        model.addAttribute("contactId", contact.orElse(null));
        model.addAttribute("proposed", proposed);
        model.addAttribute("approved", approved);
        model.addAttribute("reason", reason);
        model.addAttribute("problems", problems);
        model.addAttribute("changes", rectifications.changes(request.id()));
        model.addAttribute("decision", rectifications.decision(request.id()).orElse(null));
        model.addAttribute("open", decisionTask(request).isPresent());
        return "web/staff/rectification";
    }

    private Optional<Task> decisionTask(DsrRequest request) {
        return Optional.ofNullable(taskService.createTaskQuery().processInstanceBusinessKey(request.reference())
                .processDefinitionKey(RectificationProcess.KEY)
                .taskDefinitionKey(RectificationProcess.TASK_DECIDE_RECTIFICATION).singleResult());
    }

    private DsrRequest rectification(String reference) {
        DsrRequest request = requests.findByReference(reference).orElseThrow(RectificationDecisionController::notFound);
        if (request.type() != RequestType.RECTIFICATION) {
            throw notFound();
        }
        return request;
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
