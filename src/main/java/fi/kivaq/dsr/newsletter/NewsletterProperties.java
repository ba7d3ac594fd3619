package fi.kivaq.dsr.newsletter;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The newsletter's settings ({@code dsr.newsletter.*}).
 *
 * @param audienceApiKey           the key an external mailing tool sends to {@code GET /api/newsletter/audience}; no
 *                                 default: without one the audience API refuses every call
 * @param listId                   the {@code List-Id} header of every issue (RFC 2919)
 * @param confirmationLinkValidity how long a sign-up's confirmation link works
 */
@ConfigurationProperties("dsr.newsletter")
public record NewsletterProperties(
        String audienceApiKey,
        @DefaultValue("KivaQ newsletter <newsletter.kivaq.fi>") String listId,
        @DefaultValue("P7D") Duration confirmationLinkValidity) {

    boolean audienceApiEnabled() {
        return audienceApiKey != null && !audienceApiKey.isBlank();
    }
}
