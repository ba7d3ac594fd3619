package fi.kivaq.dsr.erasure;

import java.time.Clock;
import java.time.LocalDate;
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

/**
 * The erasure's signed answer: what was erased at once, what is kept and why (invoice links under the Accounting Act,
 * the keyed hash of the address), which recipients were told and which confirmed, and that the request's own records
 * are reduced once its last mail has gone.
 */
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
        DsrRequest request = requests.get(requestId);
        RequestRepository.ErasureOutcome outcome = requests.erasureOutcome(requestId).orElseThrow(() ->
                new IllegalStateException("request " + request.reference() + " has no erasure to answer about"));
        Erasure.Scope scope = Erasure.Scope.valueOf(outcome.scope());
        LocalDate retainedUntil = outcome.retainedUntil();
        var locale = request.language().locale();

        List<String> told = notifications.recipientLines(requestId, "erasure", locale);
        List<String> erased = new ArrayList<>();
        if (scope == Erasure.Scope.NOTHING_HELD) {
            erased.add(messages.getMessage("erasure.erased.NOTHING_HELD", null, locale));
        } else {
            // what every owner erased at once (Erasure); the request's own records follow after the letter (ErasureCleanUp)
            erased.add(messages.getMessage("erasure.erased.contact", null, locale));
            erased.add(messages.getMessage("erasure.erased.consents", null, locale));
            if (!told.isEmpty()) {
                erased.add(messages.getMessage("erasure.erased.disclosures", null, locale));
            }
            if (scope == Erasure.Scope.FULL) {
                erased.add(messages.getMessage("erasure.erased.invoices", null, locale));
            }
        }
        LetterContent base = letters.contentFor(request, switch (scope) {
            case PARTIAL -> LetterType.ERASURE_PARTIAL;
            case NOTHING_HELD -> LetterType.ERASURE_NOTHING_HELD;
            case FULL -> LetterType.ERASURE_DONE;
        });
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(),
                scope == Erasure.Scope.PARTIAL ? messages.getMessage("erasure.ground.accountingAct", null, locale) : null,
                retainedUntil, told, erased, null).aboutTheRequestOf(base);
        OutgoingMail.Attachment letter = letters.issue(requestId, content);
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "erasure-answer", request.language().code(),
                Map.of("reference", request.reference(), "nothingHeld", scope == Erasure.Scope.NOTHING_HELD))
                .withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }
}
