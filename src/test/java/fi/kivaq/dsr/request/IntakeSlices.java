package fi.kivaq.dsr.request;

import java.time.LocalDate;

import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;

/** What the mocked {@link RequestIntake} answers in the slices of this package. */
final class IntakeSlices {

    private IntakeSlices() {
    }

    /** A stored request with the given reference; only the reference matters to the controllers. */
    static DsrRequest filed(String reference) {
        return new DsrRequest(1L, reference, RequestType.ACCESS, RequestStatus.AWAITING_VERIFICATION,
                RequestChannel.API, Language.FI, "aino@kemionsaari.example", null, null, null, WebSlice.NOW,
                LocalDate.of(2026, 4, 2), VerificationState.PENDING, null, null, null);
    }
}
