package fi.kivaq.dsr.rectification;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * The signed answer to a rectification: what changed (old and new value), what was not and why, and which recipients
 * were told and have confirmed.
 */
@Service
class RectificationLetter {

    private final RectificationRecords records;
    private final RequestRepository requests;
    private final SubcontractorNotifications notifications;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final Clock clock;

    RectificationLetter(RectificationRecords records, RequestRepository requests,
                        SubcontractorNotifications notifications, ResponseLetters letters, MailOutbox outbox,
                        MessageSource messages, Clock clock) {
        this.records = records;
        this.requests = requests;
        this.notifications = notifications;
        this.letters = letters;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    /** Goes to the new address when the address itself was changed, else to the verified one. */
    @Transactional
    public void send(long requestId) {
        DsrRequest request = requests.get(requestId);
        Locale locale = request.language().locale();
        List<RequestedChange> changes = records.changes(requestId);
        String reason = records.decision(requestId).map(RectificationDecision::reason).orElse(null);
        boolean anyApplied = changes.stream().anyMatch(c -> c.outcome() == RequestedChange.Outcome.APPLIED);
        boolean allApplied = !changes.isEmpty()
                && changes.stream().allMatch(c -> c.outcome() == RequestedChange.Outcome.APPLIED);
        LetterType type = allApplied ? LetterType.RECTIFICATION_DONE
                : anyApplied ? LetterType.RECTIFICATION_PARTIAL : LetterType.RECTIFICATION_REFUSED;
        boolean addressLapsed = changes.stream().anyMatch(c -> c.outcome() == RequestedChange.Outcome.LAPSED);
        if (reason == null && addressLapsed) {
            reason = messages.getMessage("rectification.reason.addressNotConfirmed", null, locale);
        }
        String recipient = changes.stream()
                .filter(c -> c.field() == Field.EMAIL && c.outcome() == RequestedChange.Outcome.APPLIED)
                .map(RequestedChange::newValue).findFirst().orElse(request.requesterEmail());

        LetterContent base = letters.contentFor(request, type);
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                recipient, base.receivedOn(), base.answeredOn(), base.dueDate(),
                type == LetterType.RECTIFICATION_DONE ? null : reason, null,
                type == LetterType.RECTIFICATION_REFUSED ? List.of()
                        : notifications.recipientLines(requestId, "rectification", locale),
                changes.stream().map(c -> line(c, locale)).toList(), null).aboutTheRequestOf(base);
        OutgoingMail.Attachment letter = letters.issue(requestId, content);
        outbox.enqueue(OutgoingMail.of(requestId, recipient, "rectification-answer", request.language().code(),
                Map.of("reference", request.reference(), "outcome", type.name())).withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    private String line(RequestedChange change, Locale locale) {
        String field = messages.getMessage("rectification.field." + change.field().name(), null, locale);
        String before = change.currentValue() == null || change.currentValue().isBlank()
                ? messages.getMessage("rectification.value.empty", null, locale) : change.currentValue();
        String key = change.outcome() == RequestedChange.Outcome.APPLIED ? "rectification.line.applied"
                : change.outcome() == RequestedChange.Outcome.LAPSED ? "rectification.line.lapsed"
                : "rectification.line.notChanged";
        return messages.getMessage(key, new Object[] {field, before, change.newValue()}, locale);
    }
}
