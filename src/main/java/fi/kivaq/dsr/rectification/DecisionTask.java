package fi.kivaq.dsr.rectification;

import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** The Tasklist task in which staff decide a rectification: open or not, and completed by whoever decided. */
@Component
class DecisionTask {

    private final TaskService taskService;

    DecisionTask(TaskService taskService) {
        this.taskService = taskService;
    }

    Optional<Task> open(String reference) {
        return Optional.ofNullable(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(RectificationProcess.KEY)
                .taskDefinitionKey(RectificationProcess.TASK_DECIDE_RECTIFICATION).singleResult());
    }

    /** Completes the task in the caller's transaction; its listener checks that the decision is recorded. */
    void complete(Task task, String staffUser) {
        taskService.setAssignee(task.getId(), staffUser);
        taskService.complete(task.getId());
    }
}
