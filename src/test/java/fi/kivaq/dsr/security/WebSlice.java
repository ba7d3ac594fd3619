package fi.kivaq.dsr.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockReset;

import fi.kivaq.dsr.support.SliceDatabase;
import fi.kivaq.dsr.web.PageSlice;

import static org.mockito.Mockito.mock;

/**
 * What every {@code @WebMvcTest} slice of the fast layer adds to the controller under test: the application's real
 * security filter chains ({@link SecurityConfig}, with the login against the engine's users, whose
 * {@link IdentityService} is a mock reset after each test), the login throttle (its alerts and the audit log mocked),
 * the variables every page reads ({@link PageSlice}), the schema in a private in-memory H2 ({@link SliceDatabase}:
 * the throttle counts failures in its table for the whole cluster), and a fixed clock, Monday 2 March 2026 10:00 UTC.
 * A {@link TestConfiguration}, so the application's component scan never picks it up.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfig.class, EngineIdentityAuthenticationProvider.class, PageSlice.class, LoginThrottle.class,
        SliceDatabase.class})
@org.springframework.boot.context.properties.EnableConfigurationProperties(
        {LoginThrottleProperties.class, fi.kivaq.dsr.shared.DsrProperties.class})
public class WebSlice {

    public static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Bean
    IdentityService identityService() {
        return mock(IdentityService.class, MockReset.withSettings(MockReset.AFTER));
    }

    /** The audit log of {@code /engine-rest} writes and login locks: not what a slice tests. */
    @Bean
    fi.kivaq.dsr.audit.AuditLog auditLog() {
        return mock(fi.kivaq.dsr.audit.AuditLog.class, MockReset.withSettings(MockReset.AFTER));
    }

    @Bean
    LoginAlerts loginAlerts() {
        return mock(LoginAlerts.class, MockReset.withSettings(MockReset.AFTER));
    }

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
