package fi.kivaq.dsr.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.SecretTokens;

/**
 * Proof that the requester controls the address a request came from: a single-use, expiring link mailed to that
 * address and nowhere else. Opening the link changes nothing (mail scanners fetch links); only the confirm button's
 * POST does.
 */
@Service
public class AddressVerification {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    public enum LinkState {
        VALID, USED, EXPIRED, UNKNOWN,
        /** The answer to a successful confirm: this request just became verified. */
        CONFIRMED
    }

    /** What the link page may show: the request's reference, type and language, never the address. */
    public record LinkStatus(LinkState state, DsrRequest request) {
        public Optional<DsrRequest> requestIfKnown() {
            return Optional.ofNullable(request);
        }
    }

    private record TokenRow(long requestId, OffsetDateTime expiresAt, OffsetDateTime usedAt) {
    }

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final MailOutbox outbox;
    private final RuntimeService runtimeService;
    private final DsrProperties properties;
    private final Clock clock;

    AddressVerification(JdbcClient jdbc, RequestRepository requests, MailOutbox outbox, RuntimeService runtimeService,
                        DsrProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.outbox = outbox;
        this.runtimeService = runtimeService;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails a new verification link to the address the request came from. */
    @Transactional
    public void sendLink(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.verification().linkValidity());
        String token = SecretTokens.newToken();
        jdbc.sql("""
                        insert into verification_token (request_id, token_hash, created_at, expires_at)
                        values (:request, :hash, :now, :expires)""")
                .param("request", requestId)
                .param("hash", SecretTokens.hash(token))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .update();
        requests.markVerificationRequested(requestId, now);
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "verification", request.language().code(),
                Map.of("reference", request.reference(),
                        "type", request.type().name(),
                        "link", properties.publicUrl("/verify/" + token),
                        "validUntil", expiresAt.atZone(HELSINKI).toLocalDate())));
    }

    public LinkStatus inspect(String token) {
        Optional<TokenRow> row = find(token);
        if (row.isEmpty()) {
            return new LinkStatus(LinkState.UNKNOWN, null);
        }
        DsrRequest request = requests.findById(row.get().requestId()).orElseThrow();
        return new LinkStatus(stateOf(row.get()), request);
    }

    /**
     * Confirms the link: marks it used, the request verified, and lets the waiting process go on, in one
     * transaction. A used, expired or unknown link changes nothing.
     */
    @Transactional
    public LinkStatus confirm(String token) {
        LinkStatus status = inspect(token);
        if (status.state() != LinkState.VALID) {
            return status;
        }
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                        update verification_token set used_at = :now
                        where token_hash = :hash and used_at is null and expires_at > :now""")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("hash", SecretTokens.hash(token))
                .update();
        if (claimed != 1) {
            // a second click that raced the first one
            return new LinkStatus(LinkState.USED, status.request());
        }
        DsrRequest request = status.request();
        requests.markVerified(request.id(), now);
        try {
            runtimeService.createMessageCorrelation(AddressVerificationProcess.MESSAGE_ADDRESS_VERIFIED)
                    .processInstanceBusinessKey(request.reference())
                    .setVariable(ProcessVariables.ADDRESS_VERIFIED, true)
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            // the process no longer waits (it expired the request a moment ago): undo, report expired
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new LinkStatus(LinkState.EXPIRED, request);
        }
        return new LinkStatus(LinkState.CONFIRMED, requests.findById(request.id()).orElseThrow());
    }

    /** The link expired unused: close the request and tell the address, briefly, that nothing was done. */
    @Transactional
    public void closeUnverified(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Instant now = clock.instant();
        jdbc.sql("update verification_token set expires_at = :now where request_id = :request and used_at is null and expires_at > :now")
                .param("now", now.atOffset(ZoneOffset.UTC)).param("request", requestId).update();
        requests.markVerificationExpired(requestId, now);
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "verification-expired",
                request.language().code(), Map.of("reference", request.reference(), "type", request.type().name())));
    }

    private Optional<TokenRow> find(String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select request_id, expires_at, used_at from verification_token where token_hash = :hash")
                .param("hash", SecretTokens.hash(token))
                .query(TokenRow.class).optional();
    }

    private LinkState stateOf(TokenRow row) {
        if (row.usedAt() != null) {
            return LinkState.USED;
        }
        return row.expiresAt().toInstant().isAfter(clock.instant()) ? LinkState.VALID : LinkState.EXPIRED;
    }
}
