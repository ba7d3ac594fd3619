package fi.kivaq.dsr.tasklist;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.deadline.RequestDeadlines;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Tells each user task which request it is for. When any user task of any process is created, it gets the task
 * variables {@value TaskLabelVariables#REFERENCE} (the request's reference, also the process's business key) and {@value TaskLabelVariables#REQUEST_TYPE} (the
 * kind of request, in words) and, unless its process set one, the request's due date in force (extended or not) as
 * the task's due date. Tasklist shows them in the task list (the "All tasks" filter's columns) and can search by
 * them. Neither is personal data: the reference is our number for the request.
 */
@Component
class RequestTaskLabels extends AbstractProcessEnginePlugin {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    /** The end of a working day in Helsinki: what "due on the 26th" means to staff. */
    private static final LocalTime DUE_TIME = LocalTime.of(16, 0);

    // looked up when a task is created: the engine is built before these beans can be
    private final ObjectProvider<RequestRepository> requests;
    private final ObjectProvider<RequestDeadlines> deadlines;

    RequestTaskLabels(ObjectProvider<RequestRepository> requests, ObjectProvider<RequestDeadlines> deadlines) {
        this.requests = requests;
        this.deadlines = deadlines;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        TaskListener label = this::label;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_CREATE, label);
            }
        });
    }

    private void label(DelegateTask task) {
        String reference = task.getExecution().getProcessBusinessKey();
        if (reference == null) {
            return;
        }
        requests.getObject().findByReference(reference).ifPresent(request -> {
            task.setVariableLocal(TaskLabelVariables.REFERENCE, reference);
            task.setVariableLocal(TaskLabelVariables.REQUEST_TYPE, typeInWords(request.type()));
            if (task.getDueDate() == null) {
                LocalDate due = deadlines.getObject().find(request.id())
                        .map(RequestDeadlines.Deadline::dueDate).orElse(request.dueDate());
                if (due != null) {
                    task.setDueDate(Date.from(due.atTime(DUE_TIME).atZone(HELSINKI).toInstant()));
                }
            }
        });
    }

    /** Tasklist speaks English: "Access", "Rectification", "Deletion", and any type added later alike. */
    static String typeInWords(RequestType type) {
        String name = type.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
