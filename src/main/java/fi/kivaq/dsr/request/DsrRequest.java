package fi.kivaq.dsr.request;

import java.time.Instant;
import java.time.LocalDate;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;

/** One data-subject request as stored in {@code dsr_request}. */
public record DsrRequest(
        long id,
        String reference,
        RequestType type,
        RequestStatus status,
        RequestChannel channel,
        Language language,
        String requesterEmail,
        String requesterName,
        String details,
        Long contactId,
        Instant receivedAt,
        /* GDPR Art. 12(3) due date, fixed at receipt */
        LocalDate dueDate,
        VerificationState verificationState,
        Instant verificationRequestedAt,
        Instant verifiedAt,
        Instant closedAt) {
}
