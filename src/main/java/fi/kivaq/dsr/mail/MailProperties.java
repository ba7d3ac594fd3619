package fi.kivaq.dsr.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox dispatch settings ({@code dsr.mail.*}); the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 */
@ConfigurationProperties("dsr.mail")
public record MailProperties(
        @DefaultValue("KivaQ OyAb <tietosuoja@kivaq.fi>") String from,
        @DefaultValue("PT2S") Duration dispatchInterval,
        @DefaultValue("PT30S") Duration firstRetryDelay,
        @DefaultValue("PT1H") Duration maxRetryDelay,
        @DefaultValue("30") int maxAttempts,
        /* A node holding a row renews this lease every sixth of it; another node takes the row over only when the
           lease has expired and stayed unchanged for half a lease more (a dead node's rows: within two leases). */
        @DefaultValue("PT30S") Duration lease,
        /* Newsletter mails per second, on their own lane (so that links and letters never wait behind them): what the
           SMTP relay accepts without throttling us. 0 or less: as fast as the server takes them. */
        @DefaultValue("5") double newsletterRate,
        /* Threads (each with its own SMTP connection) sending links, which a person is waiting for. */
        @DefaultValue("3") int linkThreads) {

    /** The pause between two newsletter mails, or zero for no limit. */
    Duration newsletterInterval() {
        return newsletterRate <= 0 ? Duration.ZERO : Duration.ofNanos((long) (1_000_000_000L / newsletterRate));
    }

    /** Exponential back-off: first delay, doubled per failed attempt, capped. */
    Duration retryDelay(int failedAttempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
