package fi.kivaq.dsr.erasure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code dsr.erasure.*}: how often the final clean-up retries while the request's last mails are still unsent. */
@ConfigurationProperties("dsr.erasure")
public record ErasureProperties(@DefaultValue("R48/PT30M") String reduceRetryCycle) {
}
