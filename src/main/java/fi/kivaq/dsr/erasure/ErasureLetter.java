package fi.kivaq.dsr.erasure;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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

/** The erasure's signed answer: what was erased, what is kept and why, and which recipients were told and confirmed. */
@Service
class ErasureLetter {

    private final RequestRepository requests;
    private final SubcontractorNotifications notifications;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final Clock clock;

    ErasureLetter(RequestRepository requests, SubcontractorNotifications notifications, ResponseLetters letters,
                  MailOutbox outbox, MessageSource messages, Clock clock) {
        this.requests = requests;
        this.notifications = notifications;
        this.letters = letters;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public void send(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        RequestRepository.ErasureOutcome outcome = requests.erasureOutcome(requestId).orElseThrow(() ->
                new IllegalStateException("request " + request.reference() + " has no erasure to answer about"));
        Erasure.Scope scope = Erasure.Scope.valueOf(outcome.scope());
        LocalDate retainedUntil = outcome.retainedUntil();
        var locale = request.language().locale();
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(messages.getMessage("erasure.dateFormat", null, locale), locale);

        List<String> told = notifications.recipientLines(requestId, "erasure", locale);
        List<String> changes = new ArrayList<>();
        changes.add(messages.getMessage("erasure.change." + scope.name(), null, locale));
        if (scope == Erasure.Scope.PARTIAL) {
            changes.add(messages.getMessage("erasure.change.kept", new Object[] {dates.format(retainedUntil)}, locale));
        }
        LetterContent base = letters.contentFor(request,
                scope == Erasure.Scope.PARTIAL ? LetterType.ERASURE_PARTIAL : LetterType.ERASURE_DONE);
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(),
                scope == Erasure.Scope.PARTIAL ? messages.getMessage("erasure.ground.accountingAct", null, locale) : null,
                retainedUntil, told, changes, null);
        OutgoingMail.Attachment letter = letters.issue(requestId, content);
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "erasure-answer", request.language().code(),
                Map.of("reference", request.reference())).withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }
}
