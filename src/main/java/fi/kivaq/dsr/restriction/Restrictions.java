package fi.kivaq.dsr.restriction;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ContactField;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestNotFound;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * Restriction of processing (GDPR Art. 18): staff's decision with its ground and reasons, the contact marked
 * restricted (kept, out of the newsletter and of the staff's register pages) with every recipient told (Art. 19),
 * the signed letters, and a lift that tells the person first (Art. 18(3)): the lift letter is issued in one step and
 * the contact released only in the next, which also notes every recipient told of the restriction to be told of
 * its end (Art. 19).
 */
@Service
class Restrictions {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    /** What the staff page shows: the request, the person's register entry (only here), the decision and the open steps. */
    record Page(DsrRequest request, Map<ContactField, String> contact, Long contactId,
                Optional<RestrictionDecisions.Decision> decision, boolean decisionOpen, boolean liftOpen) {
    }

    private final RestrictionDecisions decisions;
    private final RequestRepository requests;
    private final ContactRegister register;
    private final SubcontractorNotifications notifications;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final TaskService taskService;
    private final AuditLog audit;
    private final Clock clock;

    Restrictions(RestrictionDecisions decisions, RequestRepository requests, ContactRegister register,
                 SubcontractorNotifications notifications, ResponseLetters letters, MailOutbox outbox,
                 MessageSource messages, TaskService taskService, AuditLog audit, Clock clock) {
        this.decisions = decisions;
        this.requests = requests;
        this.register = register;
        this.notifications = notifications;
        this.letters = letters;
        this.outbox = outbox;
        this.messages = messages;
        this.taskService = taskService;
        this.audit = audit;
        this.clock = clock;
    }

    String referenceOf(long requestId) {
        return requests.get(requestId).reference();
    }

    /** The request's own page: the only staff page that shows a restricted contact's data. Every view is audited. */
    @Transactional
    Page show(String reference, String staffUser) {
        DsrRequest request = restriction(reference);
        audit.record(staffUser, AuditLog.Action.VIEW_RESTRICTION, request, "register entry beside the request");
        Optional<Long> contact = contactOf(request);
        return new Page(request, contact.flatMap(register::correctableValues).orElse(Map.of()), contact.orElse(null),
                decisions.of(request.id()), openTask(reference, RestrictionProcess.TASK_DECIDE_RESTRICTION).isPresent(),
                openTask(reference, RestrictionProcess.TASK_LIFT_RESTRICTION).isPresent());
    }

    /**
     * Records the decision and completes the decision task.
     *
     * @return per form field, the message code of what is wrong; empty when decided
     */
    @Transactional
    Map<String, String> decide(String reference, String outcome, String groundParam, String reasons, String staffUser) {
        DsrRequest request = restriction(reference);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Task> task = openTask(reference, RestrictionProcess.TASK_DECIDE_RESTRICTION);
        if (task.isEmpty()) {
            problems.put("decision", "staff.restriction.error.noTask");
            return problems;
        }
        boolean granted = "GRANT".equals(outcome);
        if (!granted && !"REFUSE".equals(outcome)) {
            problems.put("outcome", "staff.restriction.error.outcome");
        }
        Ground ground = Ground.NONE;
        if (granted) {
            try {
                ground = Ground.valueOf(groundParam == null ? "" : groundParam);
            } catch (IllegalArgumentException e) {
                ground = Ground.NONE;
            }
            if (ground == Ground.NONE) {
                problems.put("ground", "staff.restriction.error.ground");
            }
        }
        String text = reasons(reasons, problems, "reasons");
        if (!problems.isEmpty()) {
            return problems;
        }
        decisions.record(request.id(), ground, granted, text, staffUser);
        audit.record(staffUser, AuditLog.Action.DECIDE_RESTRICTION, request, granted ? "granted " + ground : "refused");
        taskService.setAssignee(task.get().getId(), staffUser);
        taskService.complete(task.get().getId());
        return problems;
    }

    /**
     * Records why the restriction ends and completes the lift task: the process then sends the letter, and only
     * after it lifts the restriction.
     */
    @Transactional
    Map<String, String> decideLift(String reference, String reasons, String staffUser) {
        DsrRequest request = restriction(reference);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Task> task = openTask(reference, RestrictionProcess.TASK_LIFT_RESTRICTION);
        if (task.isEmpty()) {
            problems.put("lift", "staff.restriction.error.noLiftTask");
            return problems;
        }
        String text = reasons(reasons, problems, "liftReasons");
        if (!problems.isEmpty()) {
            return problems;
        }
        decisions.liftDecided(request.id(), text, staffUser);
        audit.record(staffUser, AuditLog.Action.LIFT_RESTRICTION, request, "lift decided");
        taskService.setAssignee(task.get().getId(), staffUser);
        taskService.complete(task.get().getId());
        return problems;
    }

    boolean isDecided(long requestId) {
        return decisions.of(requestId).isPresent();
    }

    boolean isGranted(long requestId) {
        return decisions.of(requestId).map(RestrictionDecisions.Decision::granted).orElse(false);
    }

    boolean isLiftDecided(long requestId) {
        return decisions.of(requestId).map(d -> d.liftDecidedAt() != null).orElse(false);
    }

    /**
     * Marks the person's contact restricted and notes every recipient in the disclosure log to tell, under the
     * contact's row lock. Nothing to mark when the address is not in the register.
     */
    @Transactional
    public void restrict(long requestId) {
        DsrRequest request = requests.get(requestId);
        Optional<Long> contact = contactOf(request);
        contact.ifPresent(id -> {
            register.lockForChange(id);
            requests.linkContact(requestId, id);
            if (notifications.idsFor(requestId).isEmpty()) {
                notifications.prepare(requestId, id);
            }
            register.restrict(id, requestId);
        });
        decisions.restricted(requestId, contact.orElse(null));
    }

    /** The signed answer: restricted (on which ground, who was told) or refused (why). The request is answered. */
    @Transactional
    public void sendDecisionLetter(long requestId) {
        DsrRequest request = requests.get(requestId);
        RestrictionDecisions.Decision decision = decisions.of(requestId).orElseThrow();
        Locale locale = request.language().locale();
        LetterType type = decision.granted() ? LetterType.RESTRICTION_GRANTED : LetterType.RESTRICTION_REFUSED;
        LetterContent base = letters.contentFor(request, type);
        List<String> ground = decision.granted()
                ? List.of(messages.getMessage("restriction.ground." + decision.ground().name(), null, locale))
                : List.of(messages.getMessage("restriction.requested", new Object[] {request.details()}, locale));
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(), decision.reasons(), null,
                decision.granted() ? notifications.recipientLines(requestId, "restriction", locale) : List.of(),
                ground, null);
        issue(request, content);
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    /** Art. 18(3): the person is told, with the reason, before the restriction is lifted. */
    @Transactional
    public void sendLiftLetter(long requestId) {
        DsrRequest request = requests.get(requestId);
        RestrictionDecisions.Decision decision = decisions.of(requestId).orElseThrow();
        LetterContent base = letters.contentFor(request, LetterType.RESTRICTION_LIFTED);
        issue(request, new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), null, decision.liftReasons(), null,
                List.of(), List.of(), null));
    }

    /**
     * Only after the lift letter has left the outbox (it was issued in the previous step of the process): while a
     * mail of the request is unsent, this fails and its job is retried, so the person is always told first.
     */
    @Transactional
    public void lift(long requestId) {
        if (outbox.lockUnsent(List.of(requestId), "") > 0) {
            throw new IllegalStateException("the lift letter of request " + requestId
                    + " has not been sent yet: the restriction stays until it has");
        }
        RestrictionDecisions.Decision decision = decisions.of(requestId).orElseThrow();
        if (decision.contactId() != null) {
            register.liftRestriction(decision.contactId(), requestId);
        }
        decisions.lifted(requestId);
        // Art. 19: whoever was told of the restriction is told of its end (the process's next step mails them)
        notifications.prepareRestrictionLifted(requestId);
    }

    private void issue(DsrRequest request, LetterContent content) {
        OutgoingMail.Attachment letter = letters.issue(request.id(), content);
        outbox.enqueue(OutgoingMail.of(request.id(), request.requesterEmail(), "restriction-answer",
                request.language().code(), Map.of("reference", request.reference(), "outcome", content.type().name()))
                .withAttachment(letter));
    }

    private Optional<Long> contactOf(DsrRequest request) {
        if (request.contactId() != null) {
            return Optional.of(request.contactId());
        }
        return request.requesterEmail() == null ? Optional.empty()
                : register.findContactIdByEmail(request.requesterEmail());
    }

    private Optional<Task> openTask(String reference, String taskKey) {
        return Optional.ofNullable(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(RestrictionProcess.KEY).taskDefinitionKey(taskKey).singleResult());
    }

    private DsrRequest restriction(String reference) {
        DsrRequest request = requests.get(reference);
        if (request.type() != RequestType.RESTRICTION) {
            throw RequestNotFound.withReference(reference);
        }
        return request;
    }

    private static String reasons(String reasons, Map<String, String> problems, String field) {
        String text = reasons == null ? "" : reasons.strip();
        if (text.isEmpty()) {
            problems.put(field, "staff.restriction.error.reasons");
        } else if (text.length() > RestrictionDecisions.MAX_REASONS) {
            problems.put(field, "staff.restriction.error.reasonsTooLong");
        } else if (CONTROL.matcher(text).find()) {
            problems.put(field, "staff.restriction.error.reasonsInvalid");
        }
        return text;
    }
}
