package fi.kivaq.dsr.shared;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TimeConfig {

    /** One clock for all our own timestamps, so tests can fix time where they need to. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
