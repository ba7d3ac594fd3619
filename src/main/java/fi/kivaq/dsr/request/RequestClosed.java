package fi.kivaq.dsr.request;

import java.time.Instant;

import fi.kivaq.dsr.shared.RequestStatus;

/**
 * Published (synchronously, inside the closing transaction) whenever a request reaches a final status, so that
 * whatever watches the request, such as its deadline watch, can stop.
 */
public record RequestClosed(long requestId, RequestStatus status, Instant at) {
}
