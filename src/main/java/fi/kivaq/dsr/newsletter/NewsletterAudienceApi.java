package fi.kivaq.dsr.newsletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fi.kivaq.dsr.register.NewsletterAudience;
import fi.kivaq.dsr.register.NewsletterLinks;

/**
 * {@code GET /api/newsletter/audience}: the live audience for an external mailing tool, each subscriber with a fresh
 * one-click unsubscribe URL of ours, so that an unsubscribe from the tool's mails still lands here. The caller sends
 * the key {@code dsr.newsletter.audience-api-key} as {@code Authorization: Bearer <key>} (or {@code X-API-Key}); the
 * key is compared in constant time. Without a configured key every call is refused.
 */
@RestController
class NewsletterAudienceApi {

    private static final Logger log = LoggerFactory.getLogger(NewsletterAudienceApi.class);
    private static final String BEARER = "Bearer ";

    /** One subscriber as the external tool gets them. */
    record Member(String email, String name, String language, String unsubscribeUrl) {
    }

    private final NewsletterAudience audience;
    private final NewsletterLinks links;
    private final NewsletterProperties properties;

    NewsletterAudienceApi(NewsletterAudience audience, NewsletterLinks links, NewsletterProperties properties) {
        this.audience = audience;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping(path = "/api/newsletter/audience", produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public ResponseEntity<Object> audience(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                           String authorization,
                                           @RequestHeader(name = "X-API-Key", required = false) String apiKey) {
        String presented = apiKey != null ? apiKey
                : authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length())
                : null;
        if (!authorised(presented)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"KivaQ newsletter audience\"")
                    .body(Map.of("message", "A valid API key is required."));
        }
        List<Member> members = audience.live().stream()
                .map(s -> new Member(s.email(), s.name(), s.language(), links.newUnsubscribeUrl(s.contactId())))
                .toList();
        log.info("Newsletter audience exported through the API: {} subscribers", members.size());
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Map.of("listId", properties.listId(), "subscribers", members));
    }

    /** Constant time in the key's content: a wrong key tells nothing about the right one. */
    boolean authorised(String presented) {
        if (!properties.audienceApiEnabled() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(properties.audienceApiKey()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
