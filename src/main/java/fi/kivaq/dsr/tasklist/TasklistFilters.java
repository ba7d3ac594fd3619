package fi.kivaq.dsr.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.security.StaffGroups;

/**
 * The task filters staff see in Tasklist, made (or brought up to date) at every start, by name: "My tasks", one
 * per staff group for that group's tasks, and "All tasks". Each lists the request's reference and type beside the
 * task (see {@link RequestTaskLabels}) and sorts by due date, soonest first. A group's filter is shown to that group
 * only; what a filter lists is still limited by the engine's task permissions.
 */
@Component
class TasklistFilters {

    /**
     * The task variables every filter lists beside each task, with their column labels (a filter holds one label, not
     * one per language, so the labels stay English while Tasklist itself speaks the staff member's language).
     * {@code ProcessContractTest} counts these as used, like a BPMN's or a form's.
     */
    static final Map<String, String> COLUMNS = columns();

    record TaskFilter(String name, String description, int priority, TaskQuery query, List<String> groups) {
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;

    TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
    }

    List<TaskFilter> filters() {
        List<String> everyone = List.of(StaffGroups.STAFF, StaffGroups.MANAGERS, StaffGroups.CAMUNDA_ADMIN);
        return List.of(
                new TaskFilter("My tasks", "Tasks you have claimed", -10,
                        byDueDate(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")), everyone),
                new TaskFilter("Staff tasks", "Open tasks of the data protection staff (dsr-staff)", -5,
                        byDueDate(taskService.createTaskQuery().taskCandidateGroup(StaffGroups.STAFF)
                                .includeAssignedTasks()),
                        List.of(StaffGroups.STAFF, StaffGroups.CAMUNDA_ADMIN)),
                new TaskFilter("Manager tasks", "Open tasks of the data protection managers (dsr-managers)", -4,
                        byDueDate(taskService.createTaskQuery().taskCandidateGroup(StaffGroups.MANAGERS)
                                .includeAssignedTasks()),
                        List.of(StaffGroups.MANAGERS, StaffGroups.CAMUNDA_ADMIN)),
                new TaskFilter("All tasks", "Every open task you may see", 0,
                        byDueDate(taskService.createTaskQuery()), everyone));
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    public void setUp() {
        for (TaskFilter wanted : filters()) {
            Filter filter = filterService.createFilterQuery().filterName(wanted.name()).singleResult();
            if (filter == null) {
                filter = filterService.newTaskFilter(wanted.name());
            }
            filter.setQuery(wanted.query());
            filter.setProperties(properties(wanted));
            filterService.saveFilter(filter);
            for (String group : wanted.groups()) {
                grantRead(group, filter.getId());
            }
        }
    }

    private static TaskQuery byDueDate(TaskQuery query) {
        return query.orderByDueDate().asc().orderByTaskCreateTime().asc();
    }

    private static Map<String, Object> properties(TaskFilter filter) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", filter.description());
        properties.put("priority", filter.priority());
        properties.put("refresh", true);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", COLUMNS.entrySet().stream()
                .map(column -> Map.of("name", column.getKey(), "label", column.getValue())).toList());
        return properties;
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(TaskLabelVariables.REFERENCE, "Reference");
        columns.put(TaskLabelVariables.REQUEST_TYPE, "Request");
        return java.util.Collections.unmodifiableMap(columns);
    }

    private void grantRead(String group, String filterId) {
        if (authorizationService.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER)
                .resourceId(filterId).count() > 0) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(Resources.FILTER);
        authorization.setResourceId(filterId);
        authorization.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(authorization);
    }
}
