package fi.kivaq.dsr.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;

/**
 * A manager extends a request's deadline by two months (GDPR Art. 12(3)): only with a reason, only once, and
 * only while the first due date has not passed, because the requester must be told within the first month.
 * The requester gets the sealed EXTENSION_NOTICE letter by mail, and the deadline watch restarts its timers,
 * all in one transaction; a refusal changes nothing.
 */
@Service
public class DeadlineExtension {

    static final int MAX_REASON_LENGTH = 1000;

    public enum Refusal { NOT_FOUND, REASON_MISSING, REASON_TOO_LONG, CLOSED, ALREADY_EXTENDED, FIRST_DEADLINE_PASSED }

    /** Either the new due date, or why nothing was done. */
    public record Result(String reference, LocalDate newDueDate, Refusal refusal) {
        public boolean extended() {
            return refusal == null;
        }
    }

    private final RequestDeadlines deadlines;
    private final RequestRepository requests;
    private final DeadlineCalculator calculator;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final DeadlineWatch watch;
    private final Clock clock;

    DeadlineExtension(RequestDeadlines deadlines, RequestRepository requests, DeadlineCalculator calculator,
                      ResponseLetters letters, MailOutbox outbox, DeadlineWatch watch, Clock clock) {
        this.deadlines = deadlines;
        this.requests = requests;
        this.calculator = calculator;
        this.letters = letters;
        this.outbox = outbox;
        this.watch = watch;
        this.clock = clock;
    }

    @Transactional
    public Result extend(String reference, String reason, String manager) {
        var deadline = deadlines.findByReference(reference).orElse(null);
        if (deadline == null) {
            return refused(reference, Refusal.NOT_FOUND);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            return refused(reference, Refusal.REASON_MISSING);
        }
        if (why.length() > MAX_REASON_LENGTH) {
            return refused(reference, Refusal.REASON_TOO_LONG);
        }
        if (!deadline.isOpen()) {
            return refused(reference, Refusal.CLOSED);
        }
        if (deadline.isExtended()) {
            return refused(reference, Refusal.ALREADY_EXTENDED);
        }
        LocalDate today = LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
        if (today.isAfter(deadline.dueDate())) {
            return refused(reference, Refusal.FIRST_DEADLINE_PASSED);
        }
        LocalDate newDueDate = calculator.extendedDueDate(deadline.receivedAt());
        if (!deadlines.extend(deadline.id(), newDueDate, clock.instant(), manager, why)) {
            return refused(reference, Refusal.ALREADY_EXTENDED); // another manager was a moment faster
        }
        DsrRequest request = requests.findById(deadline.id()).orElseThrow();
        LetterContent base = letters.contentFor(request, LetterType.EXTENSION_NOTICE);
        LetterContent notice = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), newDueDate, why, base.purgeDate(),
                base.notifiedRecipients(), base.changes(), base.extract()).aboutTheRequestOf(base);
        OutgoingMail.Attachment letter = letters.issue(request.id(), notice);
        outbox.enqueue(OutgoingMail.of(request.id(), request.requesterEmail(), "extension-notice",
                request.language().code(), Map.of(
                        "reference", request.reference(),
                        "dueDate", DeadlineNotifications.DATE.format(newDueDate),
                        "reason", why)).withAttachment(letter));
        watch.deadlineExtended(request.id(), request.reference());
        return new Result(reference, newDueDate, null);
    }

    private static Result refused(String reference, Refusal refusal) {
        return new Result(reference, null, refusal);
    }
}
