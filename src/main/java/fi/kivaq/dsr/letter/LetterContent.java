package fi.kivaq.dsr.letter;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;

/**
 * Everything a response letter says about one request. Only {@code type}, {@code language}, {@code reference},
 * {@code recipientEmail}, {@code receivedOn} and {@code answeredOn} are required.
 *
 * @param type               which letter
 * @param language           {@code fi}, {@code sv} or {@code en}
 * @param reference          the request reference, e.g. {@code DSR-2026-00042}
 * @param recipientName      the requester's name, or {@code null} when unknown
 * @param recipientEmail     the verified address the letter goes to
 * @param receivedOn         Europe/Helsinki date of receipt
 * @param answeredOn         date of this letter
 * @param dueDate            the (possibly extended) deadline, or {@code null}
 * @param reason             ground of a refusal, an extension or a partial erasure, or {@code null}
 * @param purgeDate          when data kept under a legal obligation will be deleted, or {@code null}
 * @param notifiedRecipients subcontractors told about a rectification or erasure (GDPR Art. 19)
 * @param changes            lines describing what was changed, erased or kept
 * @param extract            the register extract of an {@link LetterType#ACCESS_DATA} letter, else {@code null}
 * @param requestType        what was asked, named by receipts, extension notices and refusals; {@code null}: "a
 *                           data subject request"
 * @param verification       how the requester was identified, for the receipt; {@code null} when not said
 */
public record LetterContent(
        LetterType type,
        String language,
        String reference,
        String recipientName,
        String recipientEmail,
        LocalDate receivedOn,
        LocalDate answeredOn,
        LocalDate dueDate,
        String reason,
        LocalDate purgeDate,
        List<String> notifiedRecipients,
        List<String> changes,
        AccessExtract extract,
        RequestType requestType,
        VerificationState verification) {

    /** A letter that names neither the kind of request nor how the requester was identified. */
    public LetterContent(LetterType type, String language, String reference, String recipientName,
                         String recipientEmail, LocalDate receivedOn, LocalDate answeredOn, LocalDate dueDate,
                         String reason, LocalDate purgeDate, List<String> notifiedRecipients, List<String> changes,
                         AccessExtract extract) {
        this(type, language, reference, recipientName, recipientEmail, receivedOn, answeredOn, dueDate, reason,
                purgeDate, notifiedRecipients, changes, extract, null, null);
    }

    /** This letter with the kind of request and the identification of {@code base} (built for the same request). */
    public LetterContent aboutTheRequestOf(LetterContent base) {
        return new LetterContent(type, language, reference, recipientName, recipientEmail, receivedOn, answeredOn,
                dueDate, reason, purgeDate, notifiedRecipients, changes, extract, base.requestType(),
                base.verification());
    }

    public LetterContent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(recipientEmail, "recipientEmail");
        Objects.requireNonNull(receivedOn, "receivedOn");
        Objects.requireNonNull(answeredOn, "answeredOn");
        notifiedRecipients = notifiedRecipients == null ? List.of() : List.copyOf(notifiedRecipients);
        changes = changes == null ? List.of() : List.copyOf(changes);
        if (type == LetterType.ACCESS_DATA && extract == null) {
            throw new IllegalArgumentException("An ACCESS_DATA letter needs the register extract");
        }
    }
}
