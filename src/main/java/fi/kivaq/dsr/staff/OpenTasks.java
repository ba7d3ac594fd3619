package fi.kivaq.dsr.staff;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The engine's open tasks as the request list needs them: who has tasks, whose requests a person's tasks are for,
 * and each listed request's current task. A process's business key is its request's reference.
 */
@Component
class OpenTasks {

    /** A request's current task, and who has claimed it (null: nobody yet). */
    record Current(String name, String assignee) {
    }

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;

    OpenTasks(TaskService tasks, RuntimeService runtime, HistoryService history) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
    }

    /** Everyone who has claimed an open task, in alphabetical order. */
    List<String> assignees() {
        return tasks.createTaskQuery().active().taskAssigned().list().stream().map(Task::getAssignee)
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    /** The references of the requests with an open task claimed by {@code assignee}. */
    Set<String> referencesAssignedTo(String assignee) {
        Set<String> processes = tasks.createTaskQuery().active().taskAssignee(assignee).list().stream()
                .map(Task::getProcessInstanceId).filter(id -> id != null).collect(Collectors.toSet());
        if (processes.isEmpty()) {
            return Set.of();
        }
        return runtime.createProcessInstanceQuery().processInstanceIds(processes).list().stream()
                .map(ProcessInstance::getBusinessKey).filter(key -> key != null).collect(Collectors.toSet());
    }

    /** The current task of each of these requests that has one (two engine queries, whatever the number). */
    Map<String, Current> currentFor(Collection<String> references) {
        Map<String, Current> result = new HashMap<>();
        if (references.isEmpty()) {
            return result;
        }
        String[] keys = references.toArray(String[]::new);
        Map<String, String> referenceByProcess = new HashMap<>();
        for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyIn(keys)
                .unfinished().list()) {
            referenceByProcess.put(p.getId(), p.getBusinessKey());
        }
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKeyIn(keys).active().orderByTaskCreateTime()
                .asc().list()) {
            String reference = referenceByProcess.get(task.getProcessInstanceId());
            if (reference != null) {
                result.putIfAbsent(reference, new Current(task.getName(), task.getAssignee()));
            }
        }
        return result;
    }
}
