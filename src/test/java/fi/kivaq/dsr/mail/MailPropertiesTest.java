package fi.kivaq.dsr.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailPropertiesTest {

    private final MailProperties properties = new MailProperties("x@example.com", Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofMinutes(5), 10, Duration.ofMinutes(5), 4, 3);

    @Test
    void retryDelayDoublesPerFailedAttemptUpToTheCap() {
        assertThat(properties.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.retryDelay(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.retryDelay(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(properties.retryDelay(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(properties.retryDelay(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.retryDelay(50)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theNewsletterRateIsAPauseBetweenMailsAndZeroMeansNone() {
        assertThat(properties.newsletterInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(new MailProperties("x@example.com", Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 10, Duration.ofMinutes(5), 0, 3).newsletterInterval()).isZero();
    }
}
