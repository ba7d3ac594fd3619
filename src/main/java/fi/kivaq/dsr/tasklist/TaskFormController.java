package fi.kivaq.dsr.tasklist;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.TaskFormLogin;
import fi.kivaq.dsr.shared.NotFoundException;

/**
 * The user tasks' forms, as Camunda embedded forms ({@code camunda:formKey="embedded:/staff/task-forms/<name>"}):
 * Tasklist fetches {@code /staff/task-forms/<name>?taskId=…} and shows the HTML inside the task, so the form speaks
 * the staff member's language (fi, sv, en; the staff pages' choice) from {@code templates/i18n/taskforms_*}. Its
 * inputs ({@code cam-variable-name}) are the variables of the task's process contract; the task listeners check
 * their values as before. The heading names the task's request from the task's own variables (see
 * {@link RequestTaskLabels}), with its kind in words and a link to its staff page in a new tab. A form is shown only
 * for a task the engine lets the staff member see (its candidate group, as in Tasklist), and only the form of that task.
 */
@Controller
class TaskFormController {

    /** A form's name, as in the BPMN's form keys; one template each under {@code templates/web/staff/task-forms/}. */
    private static final Pattern FORM_NAME = Pattern.compile("[a-z]+(-[a-z]+)*");
    static final String FORM_KEY_PREFIX = "embedded:" + TaskFormLogin.PATH + "/";

    private final TaskService taskService;
    private final FormService formService;
    private final IdentityService identityService;
    private final RequestRepository requests;

    TaskFormController(TaskService taskService, FormService formService, IdentityService identityService,
                       RequestRepository requests) {
        this.taskService = taskService;
        this.identityService = identityService;
        this.formService = formService;
        this.requests = requests;
    }

    @GetMapping(TaskFormLogin.PATH + "/{form}")
    String form(@PathVariable String form, @RequestParam(required = false) String taskId, Principal staff,
                Model model) {
        Task task = taskId == null || taskId.isBlank() || taskId.length() > 64 ? null : visibleTask(taskId, staff);
        // only the form of that very task (so only a form some BPMN names): another name is a mistake, not a form
        if (!FORM_NAME.matcher(form).matches() || task == null
                || !(FORM_KEY_PREFIX + form).equals(formService.getTaskFormKey(task.getProcessDefinitionId(),
                        task.getTaskDefinitionKey()))) {
            throw new TaskFormNotFound();
        }
        Map<String, Object> variables = taskService.getVariables(task.getId());
        model.addAttribute("variables", variables);
        model.addAttribute("requestType", requests.findByReference(String.valueOf(
                variables.get(TaskLabelVariables.REFERENCE))).map(r -> r.type().name()).orElse(null));
        return "web/staff/task-forms/" + form;
    }

    /** The task, if the engine lets this staff member see it (as Tasklist would: by its candidate group). */
    private Task visibleTask(String taskId, Principal staff) {
        List<String> groups = identityService.createGroupQuery().groupMember(staff.getName()).list().stream()
                .map(Group::getId).toList();
        identityService.setAuthentication(staff.getName(), groups);
        try {
            return taskService.createTaskQuery().taskId(taskId).singleResult();
        } finally {
            identityService.clearAuthentication();
        }
    }

    static final class TaskFormNotFound extends NotFoundException {
        TaskFormNotFound() {
            super("This task has no such form (or the task is done).");
        }
    }
}
