package fi.kivaq.dsr.rectification;

import java.time.Instant;

/** Staff's decision as recorded, with when the new address was confirmed and what the register change found. */
public record RectificationDecision(Long contactId, String reason, String decidedBy, Instant decidedAt,
                                    Instant addressConfirmedAt, RegisterOutcome registerOutcome) {
}
