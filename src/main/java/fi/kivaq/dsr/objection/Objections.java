package fi.kivaq.dsr.objection;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.ObjectedUse;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestNotFound;
import fi.kivaq.dsr.request.RequestQueued;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.ObjectionTo;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.unsubscribe.NewsletterUnsubscribe;

/**
 * Objection (GDPR Art. 21). To direct marketing it is absolute: the newsletter consent ends as the request is filed,
 * through the same path as an unsubscribe ({@link NewsletterUnsubscribe#withdrawForRequest}), and a signed letter
 * confirms it once the address is proven. To processing on legitimate interests (Art. 21(1)), staff weigh it and the
 * signed letter gives the outcome and the reasons, with the right to complain and to go to court. An upheld objection
 * names the uses of the data it stops ({@link ObjectedUse}); they are recorded on the contact through the register's
 * API, and every place doing that processing skips the contact from then on.
 */
@Service
class Objections {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    record Page(DsrRequest request, ObjectionTo objectionTo, Optional<ObjectionDecisions.Decision> decision,
                boolean decisionOpen) {
    }

    private final ObjectionDecisions decisions;
    private final RequestRepository requests;
    private final NewsletterUnsubscribe unsubscribe;
    private final ContactRegister register;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final TaskService taskService;
    private final AuditLog audit;
    private final Clock clock;

    Objections(ObjectionDecisions decisions, RequestRepository requests, NewsletterUnsubscribe unsubscribe,
               ContactRegister register, ResponseLetters letters, MailOutbox outbox, MessageSource messages, TaskService taskService,
               AuditLog audit, Clock clock) {
        this.decisions = decisions;
        this.requests = requests;
        this.unsubscribe = unsubscribe;
        this.register = register;
        this.letters = letters;
        this.outbox = outbox;
        this.messages = messages;
        this.taskService = taskService;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A public objection (form, API) to direct marketing ends the newsletter consent in the transaction that files
     * it, before its process starts ({@link RequestQueued}).
     */
    @EventListener
    void stopDirectMarketingWhenFiled(RequestQueued queued) {
        if (queued.type() == RequestType.OBJECTION) {
            stopDirectMarketingIfObjectedTo(queued.requestId());
        }
    }

    /**
     * The process's first step (and, for a public objection, already the filing transaction's): an objection to
     * direct marketing ends the newsletter consent of the address at once (idempotent; nothing for an address not in
     * the register, which the requester cannot tell).
     *
     * @return whether the objection is to direct marketing
     */
    @Transactional
    public boolean stopDirectMarketingIfObjectedTo(long requestId) {
        boolean directMarketing = requests.objectionTo(requestId).orElse(ObjectionTo.LEGITIMATE_INTERESTS)
                == ObjectionTo.DIRECT_MARKETING;
        if (directMarketing) {
            unsubscribe.withdrawForRequest(requestId);
        }
        return directMarketing;
    }

    String referenceOf(long requestId) {
        return requests.get(requestId).reference();
    }

    @Transactional
    Page show(String reference, String staffUser) {
        DsrRequest request = objection(reference);
        audit.record(staffUser, AuditLog.Action.VIEW_OBJECTION, request, "objection and its decision");
        return new Page(request, requests.objectionTo(request.id()).orElse(null), decisions.of(request.id()),
                openTask(reference).isPresent());
    }

    /** @return per form field, the message code of what is wrong; empty when decided */
    @Transactional
    Map<String, String> decide(String reference, String outcome, Set<String> uses, String reasons, String staffUser) {
        DsrRequest request = objection(reference);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Task> task = openTask(reference);
        if (task.isEmpty()) {
            problems.put("decision", "staff.objection.error.noTask");
            return problems;
        }
        boolean compellingGrounds = "REJECT".equals(outcome);
        if (!compellingGrounds && !"UPHOLD".equals(outcome)) {
            problems.put("outcome", "staff.objection.error.outcome");
        }
        Set<ObjectedUse> stopped = EnumSet.noneOf(ObjectedUse.class);
        for (String use : uses) {
            try {
                stopped.add(ObjectedUse.valueOf(use));
            } catch (IllegalArgumentException e) {
                problems.put("uses", "staff.objection.error.uses");
            }
        }
        if (!compellingGrounds && stopped.isEmpty()) {
            problems.put("uses", "staff.objection.error.uses");
        }
        String text = reasons == null ? "" : reasons.strip();
        if (text.isEmpty()) {
            problems.put("reasons", "staff.objection.error.reasons");
        } else if (text.length() > ObjectionDecisions.MAX_REASONS) {
            problems.put("reasons", "staff.objection.error.reasonsTooLong");
        } else if (CONTROL.matcher(text).find()) {
            problems.put("reasons", "staff.objection.error.reasonsInvalid");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (compellingGrounds) {
            stopped.clear();
        }
        decisions.record(request.id(), compellingGrounds, stopped, text, staffUser);
        audit.record(staffUser, AuditLog.Action.DECIDE_OBJECTION, request,
                compellingGrounds ? "compelling grounds" : "upheld, stops " + stopped);
        taskService.setAssignee(task.get().getId(), staffUser);
        taskService.complete(task.get().getId());
        return problems;
    }

    boolean isDecided(long requestId) {
        return decisions.of(requestId).isPresent();
    }

    /** An upheld decision that stops nothing would be a letter promising what the system does not do. */
    boolean upholdsWithoutUses(long requestId) {
        return decisions.of(requestId).filter(d -> !d.compellingGrounds() && d.stoppedUses().isEmpty()).isPresent();
    }

    /**
     * When the objection was upheld, records on the person's contact the uses it stops, under the contact's row
     * lock; from then on the register search, the contact page and the export skip the contact as the uses say.
     * Nothing to record for an objection not upheld, or for an address that is not in the register. Idempotent.
     */
    @Transactional
    public void stopUpheldUses(long requestId) {
        Optional<ObjectionDecisions.Decision> decision = decisions.of(requestId)
                .filter(d -> !d.compellingGrounds() && !d.stoppedUses().isEmpty());
        if (decision.isEmpty()) {
            return;
        }
        DsrRequest request = requests.get(requestId);
        Optional<Long> contact = request.contactId() != null ? Optional.of(request.contactId())
                : request.requesterEmail() == null ? Optional.empty()
                : register.findContactIdByEmail(request.requesterEmail());
        contact.ifPresent(id -> {
            register.lockForChange(id);
            if (request.contactId() == null) {
                requests.linkContact(requestId, id);
            }
            register.stopUse(id, decision.get().stoppedUses(), requestId);
        });
    }

    /**
     * The signed answer: direct marketing ended, or the weighed objection's outcome with the reasons. The request is
     * answered.
     */
    @Transactional
    public void sendLetter(long requestId) {
        DsrRequest request = requests.get(requestId);
        Optional<ObjectionDecisions.Decision> decision = decisions.of(requestId);
        LetterType type = decision.isEmpty() ? LetterType.OBJECTION_MARKETING_ENDED
                : decision.get().compellingGrounds() ? LetterType.OBJECTION_REJECTED : LetterType.OBJECTION_UPHELD;
        LetterContent base = letters.contentFor(request, type);
        List<String> objected = new java.util.ArrayList<>();
        if (decision.isPresent() && request.details() != null) {
            objected.add(messages.getMessage("objection.requested", new Object[] {request.details()},
                    request.language().locale()));
        }
        // what the upheld objection stopped, in the person's words for each use
        decision.map(ObjectionDecisions.Decision::stoppedUses).orElse(Set.of()).stream().sorted()
                .map(use -> messages.getMessage("objection.stopped." + use.name(), null, request.language().locale()))
                .forEach(objected::add);
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(),
                decision.map(ObjectionDecisions.Decision::reasons).orElse(null), null, List.of(), objected, null);
        OutgoingMail.Attachment letter = letters.issue(requestId, content);
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "objection-answer",
                request.language().code(), Map.of("reference", request.reference(), "outcome", type.name()))
                .withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    private Optional<Task> openTask(String reference) {
        return Optional.ofNullable(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(ObjectionProcess.KEY).taskDefinitionKey(ObjectionProcess.TASK_DECIDE_OBJECTION)
                .singleResult());
    }

    private DsrRequest objection(String reference) {
        DsrRequest request = requests.get(reference);
        if (request.type() != RequestType.OBJECTION) {
            throw RequestNotFound.withReference(reference);
        }
        return request;
    }
}
