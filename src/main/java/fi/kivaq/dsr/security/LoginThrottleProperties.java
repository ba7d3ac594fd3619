package fi.kivaq.dsr.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling of failed logins (staff pages, {@code /engine-rest}, Camunda's webapps), in place of Camunda's permanent
 * lock-out that anyone who knows a user name could trigger.
 *
 * @param maxFailuresPerAccount failed logins to one account within {@code window} before it is refused for a while
 * @param maxFailuresPerClient  failed logins from one client address within {@code window}, whatever the account
 * @param window                how far back failures count
 * @param lockDuration          how long an account or client is refused (429) after too many failures; then it
 *                              unlocks by itself
 */
@ConfigurationProperties("dsr.login")
public record LoginThrottleProperties(
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerClient,
        @DefaultValue("PT15M") Duration window,
        @DefaultValue("PT15M") Duration lockDuration) {
}
