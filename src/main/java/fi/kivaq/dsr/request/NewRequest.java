package fi.kivaq.dsr.request;

import java.time.Instant;

/** A request as it arrives, already validated. */
public record NewRequest(RequestType type, String email, String name, Language language, String details,
                         RequestChannel channel, Instant receivedAt) {
}
