package fi.kivaq.dsr.mail;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "smtp": whether the SMTP server answers. It replaces Spring Boot's mail
 * indicator, which reports DOWN and so turns the whole node DOWN while mail is merely delayed: requests are still
 * taken and their mails wait in the outbox, so an unreachable SMTP server is {@code DEGRADED}.
 */
@Component("smtp")
class SmtpHealthIndicator implements HealthIndicator {

    private final JavaMailSenderImpl sender;

    SmtpHealthIndicator(JavaMailSenderImpl sender) {
        this.sender = sender;
    }

    @Override
    public Health health() {
        try {
            sender.testConnection();
            return Health.up().withDetail("server", sender.getHost() + ":" + sender.getPort()).build();
        } catch (Exception e) {
            return Health.status(OutboxHealthIndicator.DEGRADED)
                    .withDetail("server", sender.getHost() + ":" + sender.getPort())
                    .withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
