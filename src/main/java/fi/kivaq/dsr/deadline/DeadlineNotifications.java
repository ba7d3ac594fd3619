package fi.kivaq.dsr.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.DsrProperties;

/**
 * What the deadline watch does when its timers fire: remind whoever handles the request, escalate to the managers,
 * record the overdue state. Each returns {@code false}, doing nothing, when the request is already closed.
 * Staff mails are in Finnish with an English line and carry the reference and dates only, never the requester.
 */
@Service
public class DeadlineNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeadlineNotifications.class);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy");

    private final RequestDeadlines deadlines;
    private final DeadlineCalculator calculator;
    private final MailOutbox outbox;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final DsrProperties properties;
    private final Clock clock;

    DeadlineNotifications(RequestDeadlines deadlines, DeadlineCalculator calculator, MailOutbox outbox,
                          IdentityService identityService, TaskService taskService, DsrProperties properties,
                          Clock clock) {
        this.deadlines = deadlines;
        this.calculator = calculator;
        this.outbox = outbox;
        this.identityService = identityService;
        this.taskService = taskService;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails the assignees of the request's open tasks, or, when nobody has taken it, the staff group. */
    @Transactional
    public boolean remind(long requestId) {
        var deadline = deadlines.find(requestId).filter(RequestDeadlines.Deadline::isOpen).orElse(null);
        if (deadline == null) {
            return false;
        }
        Set<String> recipients = assigneeAddresses(deadline.reference());
        if (recipients.isEmpty()) {
            recipients = groupAddresses(StaffGroups.STAFF);
        }
        send(deadline, "deadline-reminder", recipients);
        return true;
    }

    /** Mails every manager. */
    @Transactional
    public boolean escalate(long requestId) {
        var deadline = deadlines.find(requestId).filter(RequestDeadlines.Deadline::isOpen).orElse(null);
        if (deadline == null) {
            return false;
        }
        send(deadline, "deadline-escalation", groupAddresses(StaffGroups.MANAGERS));
        return true;
    }

    /** The due date has ended without an answer: the request is overdue from the end of its due date. */
    @Transactional
    public boolean markOverdue(long requestId) {
        var deadline = deadlines.find(requestId).filter(RequestDeadlines.Deadline::isOpen).orElse(null);
        if (deadline == null) {
            return false;
        }
        if (deadlines.markOverdue(requestId, DeadlineTimers.overdueAt(deadline.dueDate()).toInstant())) {
            log.warn("Request {} is overdue: its due date {} has passed", deadline.reference(), deadline.dueDate());
        }
        return true;
    }

    Set<String> groupAddresses(String group) {
        Set<String> addresses = new LinkedHashSet<>();
        for (User user : identityService.createUserQuery().memberOfGroup(group).list()) {
            if (user.getEmail() != null && !user.getEmail().isBlank()) {
                addresses.add(user.getEmail().strip());
            }
        }
        return addresses;
    }

    private Set<String> assigneeAddresses(String reference) {
        List<String> assignees = taskService.createTaskQuery().processInstanceBusinessKey(reference).active().list()
                .stream().map(Task::getAssignee).filter(Objects::nonNull).distinct().toList();
        Set<String> addresses = new LinkedHashSet<>();
        for (String assignee : assignees) {
            User user = identityService.createUserQuery().userId(assignee).singleResult();
            if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
                addresses.add(user.getEmail().strip());
            }
        }
        return addresses;
    }

    private void send(RequestDeadlines.Deadline deadline, String template, Set<String> recipients) {
        if (recipients.isEmpty()) {
            log.warn("No staff address to send {} about {} to", template, deadline.reference());
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
        Map<String, Object> model = Map.of(
                "reference", deadline.reference(),
                "type", deadline.type().name(),
                "dueDate", DATE.format(deadline.dueDate()),
                "workingDaysLeft", calculator.workingDaysBetween(today, deadline.dueDate()),
                "extended", deadline.isExtended(),
                "requestUrl", properties.publicUrl("/staff/requests/" + deadline.reference()),
                "dashboardUrl", properties.publicUrl("/staff/dashboard"));
        for (String recipient : recipients) {
            outbox.enqueue(OutgoingMail.toStaff(deadline.id(), recipient, template, model));
        }
    }
}
