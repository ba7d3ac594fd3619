package fi.kivaq.dsr.verification;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.SecretTokens;

/**
 * Single-use links for every purpose (the requester's address, a subcontractor's confirmation, a new address): an
 * unguessable token mailed to one address, of which only the hash is kept, with an optional expiry. Looking a link
 * up changes nothing (mail scanners open links); claiming it succeeds once, however many clicks race for it. What
 * a claim means is the calling module's business, done in the claim's transaction.
 */
@Service
public class SingleUseLinks {

    /**
     * A link as the database knows it. {@code requestId} is the request it belongs to; {@code subjectId} what its
     * purpose acts on (the request itself, or e.g. one subcontractor notification). Both are null when UNKNOWN.
     */
    public record Link(LinkState state, Long requestId, Long subjectId) {
        static Link unknown() {
            return new Link(LinkState.UNKNOWN, null, null);
        }

        public boolean known() {
            return state != LinkState.UNKNOWN;
        }
    }

    /** A newly issued link: the address to mail, and when it stops working (null: when it is used). */
    public record IssuedLink(String url, Instant expiresAt) {
    }

    private record Row(Long requestId, long subjectId, OffsetDateTime expiresAt, OffsetDateTime usedAt) {
    }

    private final JdbcClient jdbc;
    private final DsrProperties properties;
    private final Clock clock;

    SingleUseLinks(JdbcClient jdbc, DsrProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A new link for the subject; any earlier link of the same purpose and subject stops working (it becomes
     * unknown), so that only the latest mail's link counts. {@code validity} null: the link never expires.
     */
    @Transactional
    public IssuedLink issue(LinkPurpose purpose, long requestId, long subjectId, Duration validity) {
        revoke(purpose, subjectId, true);
        return insert(purpose, requestId, subjectId, validity);
    }

    /**
     * One more link for the subject, beside the ones it has: for a link that is only ever looked up, never claimed,
     * and mailed again with every mail (the requester's status page). {@link #revoke} ends them all.
     */
    @Transactional
    public IssuedLink issueAnother(LinkPurpose purpose, long requestId, long subjectId, Duration validity) {
        return insert(purpose, requestId, subjectId, validity);
    }

    /**
     * A link that belongs to no request (a newsletter sign-up's confirmation), otherwise as
     * {@link #issue(LinkPurpose, long, long, Duration)}; its {@link Link#requestId()} is null.
     */
    @Transactional
    public IssuedLink issueWithoutRequest(LinkPurpose purpose, long subjectId, Duration validity) {
        revoke(purpose, subjectId, true);
        return insert(purpose, null, subjectId, validity);
    }

    private IssuedLink insert(LinkPurpose purpose, Long requestId, long subjectId, Duration validity) {
        Instant now = clock.instant();
        Instant expiresAt = validity == null ? null : now.plus(validity);
        String token = SecretTokens.newToken();
        jdbc.sql("""
                        insert into verification_token (purpose, request_id, subject_id, token_hash, created_at, expires_at)
                        values (:purpose, :request, :subject, :hash, :now, :expires)""")
                .param("purpose", purpose.code())
                .param("request", requestId, Types.BIGINT)
                .param("subject", subjectId)
                .param("hash", SecretTokens.hash(token))
                .param("now", utc(now))
                .param("expires", expiresAt == null ? null : utc(expiresAt))
                .update();
        return new IssuedLink(properties.publicUrl(purpose.path() + token), expiresAt);
    }

    /** The link's state without claiming it: what the page with the button shows. */
    public Link find(LinkPurpose purpose, String token) {
        return row(purpose, token).map(row -> new Link(stateOf(row), row.requestId(), row.subjectId()))
                .orElse(Link.unknown());
    }

    /**
     * Claims a valid link, atomically: of any number of concurrent claims exactly one gets the link back; the
     * others (and a used, expired or unknown link) get empty. Call it inside the transaction that acts on the claim,
     * so that a rollback gives the link back.
     */
    @Transactional
    public Optional<Link> claim(LinkPurpose purpose, String token) {
        Optional<Row> row = row(purpose, token);
        if (row.isEmpty() || stateOf(row.get()) != LinkState.VALID) {
            return Optional.empty();
        }
        OffsetDateTime now = utc(clock.instant());
        int claimed = jdbc.sql("""
                        update verification_token set used_at = :now
                        where purpose = :purpose and token_hash = :hash and used_at is null
                          and (expires_at is null or expires_at > :now)""")
                .param("now", now)
                .param("purpose", purpose.code())
                .param("hash", SecretTokens.hash(token))
                .update();
        return claimed == 1
                ? Optional.of(new Link(LinkState.VALID, row.get().requestId(), row.get().subjectId()))
                : Optional.empty();
    }

    /** The subject's unused links stop working and read as unknown, e.g. once staff recorded the answer by hand. */
    @Transactional
    public void revoke(LinkPurpose purpose, long subjectId) {
        revoke(purpose, subjectId, false);
    }

    /** The subject's unused links expire now: a late click reads as expired, not as unknown. */
    @Transactional
    public void expire(LinkPurpose purpose, long subjectId) {
        OffsetDateTime now = utc(clock.instant());
        jdbc.sql("""
                        update verification_token set expires_at = :now
                        where purpose = :purpose and subject_id = :subject and used_at is null
                          and (expires_at is null or expires_at > :now)""")
                .param("now", now).param("purpose", purpose.code()).param("subject", subjectId).update();
    }

    private void revoke(LinkPurpose purpose, long subjectId, boolean usedOnesToo) {
        jdbc.sql("delete from verification_token where purpose = :purpose and subject_id = :subject"
                        + (usedOnesToo ? "" : " and used_at is null"))
                .param("purpose", purpose.code()).param("subject", subjectId).update();
    }

    private Optional<Row> row(LinkPurpose purpose, String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select request_id, subject_id, expires_at, used_at from verification_token
                        where purpose = :purpose and token_hash = :hash""")
                .param("purpose", purpose.code())
                .param("hash", SecretTokens.hash(token))
                .query(Row.class).optional();
    }

    private LinkState stateOf(Row row) {
        if (row.usedAt() != null) {
            return LinkState.USED;
        }
        return row.expiresAt() == null || row.expiresAt().toInstant().isAfter(clock.instant())
                ? LinkState.VALID : LinkState.EXPIRED;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
