package fi.kivaq.dsr.newsletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.ConsentProof;
import fi.kivaq.dsr.register.NewsletterAudience;
import fi.kivaq.dsr.register.NewsletterSignUp;
import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.verification.LinkPage;
import fi.kivaq.dsr.verification.LinkPurpose;
import fi.kivaq.dsr.verification.LinkState;
import fi.kivaq.dsr.verification.SingleUseLinks;

/**
 * Newsletter sign-up with double opt-in. A sign-up mails a single-use confirmation link and records no consent; only
 * the link's confirmation does, with the consent text's version, language, time, channel and source (Art. 7(1)).
 * The answer is the same for every address: a suppressed (erased) or already subscribed address gets no mail, and
 * the per-address limit counts every sign-up alike, by the address's keyed hash.
 */
@Service
class NewsletterSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(NewsletterSubscriptions.class);

    static final LinkPurpose PURPOSE = new LinkPurpose("NEWSLETTER_SIGN_UP", "/newsletter/confirm/");

    /** Where a sign-up came from: kept with the consent. */
    enum Source { SIGN_UP_PAGE, SIGN_UP_API }

    /** A sign-up to act on: valid, in one of our languages, with the consent text version the person saw. */
    record SignUp(String email, String name, Language language, String textVersion, Source source) {
    }

    enum Outcome { ACCEPTED, TOO_MANY }

    private record Pending(long id, String name, String email, String language, String textVersion, String source) {
    }

    private final JdbcClient jdbc;
    private final NewsletterSuppression suppression;
    private final NewsletterAudience audience;
    private final NewsletterSignUp signUp;
    private final SingleUseLinks links;
    private final MailOutbox outbox;
    private final NewsletterProperties properties;
    private final DsrProperties dsr;
    private final Clock clock;

    NewsletterSubscriptions(JdbcClient jdbc, NewsletterSuppression suppression, NewsletterAudience audience,
                            NewsletterSignUp signUp, SingleUseLinks links, MailOutbox outbox,
                            NewsletterProperties properties, DsrProperties dsr, Clock clock) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.audience = audience;
        this.signUp = signUp;
        this.links = links;
        this.outbox = outbox;
        this.properties = properties;
        this.dsr = dsr;
        this.clock = clock;
    }

    /**
     * Takes a sign-up: a confirmation link to the address, unless it is suppressed or already subscribed (then
     * nothing, with the same answer), or the address reached the request form's per-address limit.
     */
    @Transactional
    public Outcome request(SignUp request) {
        Instant now = clock.instant();
        purgeOld(now);
        String hash = suppression.keyedHash(request.email());
        long recent = jdbc.sql("""
                        select count(*) from newsletter_sign_up where address_hash = :hash and requested_at > :since""")
                .param("hash", hash).param("since", utc(now.minus(dsr.intake().addressWindow())))
                .query(Long.class).single();
        if (recent >= dsr.intake().maxRequestsPerAddress()) {
            return Outcome.TOO_MANY;
        }
        boolean mail = !suppression.isSuppressed(request.email()) && !audience.isLive(request.email());
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into newsletter_sign_up (address_hash, name, email, language, text_version, source,
                            requested_at)
                        values (:hash, :name, :email, :language, :version, :source, :now)""")
                .param("hash", hash)
                .param("name", mail ? request.name() : null)
                .param("email", mail ? request.email() : null)
                .param("language", request.language().code())
                .param("version", request.textVersion())
                .param("source", request.source().name())
                .param("now", utc(now)));
        if (!mail) {
            log.info("Newsletter sign-up {} mails no link: the address is suppressed or already subscribed", id);
            return Outcome.ACCEPTED;
        }
        SingleUseLinks.IssuedLink link = links.issueWithoutRequest(PURPOSE, id, properties.confirmationLinkValidity());
        outbox.enqueue(OutgoingMail.of(null, request.email(), "newsletter-confirmation", request.language().code(),
                Map.of("link", link.url(),
                        "validUntil", link.expiresAt().atZone(DeadlineCalculator.HELSINKI).toLocalDate()))
                .asLink());
        return Outcome.ACCEPTED;
    }

    /** The confirmation page before the button: changes nothing (mail scanners open links). */
    LinkPage inspect(String token) {
        SingleUseLinks.Link link = links.find(PURPOSE, token);
        if (!link.known()) {
            return LinkPage.unknown();
        }
        Optional<Pending> pending = pending(link.subjectId());
        if (pending.isEmpty()) {
            return link.state() == LinkState.VALID ? LinkPage.unknown() : LinkPage.of(link.state(), null, null, null);
        }
        return LinkPage.of(link.state(), null, null, Language.fromCode(pending.get().language()).orElseThrow());
    }

    /**
     * The button: claims the link and records the consent with its proof, in one transaction. The sign-up's name and
     * address then go: the register holds them now.
     */
    @Transactional
    LinkPage confirm(String token) {
        LinkPage page = inspect(token);
        if (page.state() != LinkState.VALID) {
            return page;
        }
        Optional<SingleUseLinks.Link> claimed = links.claim(PURPOSE, token);
        if (claimed.isEmpty()) {
            return page.in(LinkState.USED);
        }
        Pending sign = pending(claimed.get().subjectId()).orElseThrow();
        NewsletterSignUp.Outcome outcome = signUp.signUp(sign.name(), sign.email(), sign.language(),
                ConsentChannel.SIGN_UP_FORM, new ConsentProof(sign.textVersion(), sign.language(), sign.source()));
        log.info("Newsletter sign-up {} confirmed: {}", sign.id(), outcome);
        jdbc.sql("update newsletter_sign_up set name = null, email = null where id = :id").param("id", sign.id())
                .update();
        return page.confirmedNow();
    }

    private Optional<Pending> pending(long id) {
        return jdbc.sql("""
                        select id, name, email, language, text_version, source from newsletter_sign_up
                        where id = :id and email is not null""")
                .param("id", id).query(Pending.class).optional();
    }

    /** Rows whose link and limit window have both passed say nothing any more. */
    private void purgeOld(Instant now) {
        Duration keep = max(properties.confirmationLinkValidity(), dsr.intake().addressWindow());
        jdbc.sql("delete from newsletter_sign_up where requested_at < :before")
                .param("before", utc(now.minus(keep))).update();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
