package fi.kivaq.dsr.request;

import java.time.Instant;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ObjectionTo;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

/**
 * A request as it arrives, already validated.
 *
 * @param objectionTo what an {@link RequestType#OBJECTION} is to; {@code null} for the other types
 */
public record NewRequest(RequestType type, String email, String name, Language language, String details,
                         RequestChannel channel, Instant receivedAt, ObjectionTo objectionTo) {

    public NewRequest(RequestType type, String email, String name, Language language, String details,
                      RequestChannel channel, Instant receivedAt) {
        this(type, email, name, language, details, channel, receivedAt, null);
    }
}
