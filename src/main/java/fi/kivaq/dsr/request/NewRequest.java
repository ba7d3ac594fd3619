package fi.kivaq.dsr.request;

import java.time.Instant;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

/** A request as it arrives, already validated. */
public record NewRequest(RequestType type, String email, String name, Language language, String details,
                         RequestChannel channel, Instant receivedAt) {
}
