package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Under the production profile the application refuses to start on the demo's suppression secret, without a seal
 * keystore (unless the development seal is explicitly allowed) and with a guessable administrator name. Started as
 * a small application of no beans of its own: only the configuration files and the check take part.
 */
@Tag("fast")
class ProductionSettingsTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    private static ConfigurableApplicationContext start(String profile, String... arguments) {
        return new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE).profiles(profile)
                .logStartupInfo(false).run(arguments);
    }

    private static final String SECRET = "--dsr.suppression.secret=4f1c0e9a-long-random-secret";
    private static final String KEYSTORE = "--dsr.signing.keystore=/etc/kivaq/seal.p12";
    private static final String ADMIN = "--camunda.bpm.admin-user.id=dsr-operator";

    @Test
    void refusesTheDemoSuppressionSecretOrNone() {
        assertThatThrownBy(() -> start("postgres", KEYSTORE, ADMIN).close())
                .hasStackTraceContaining("dsr.suppression.secret (DSR_SUPPRESSION_SECRET) is not set");
        assertThatThrownBy(() -> start("postgres", "--dsr.suppression.secret=demo-only-suppression-secret", KEYSTORE, ADMIN).close())
                .hasStackTraceContaining("dsr.suppression.secret (DSR_SUPPRESSION_SECRET) is not set");
    }

    @Test
    void refusesToMakeItsOwnSealUnlessAllowed() {
        assertThatThrownBy(() -> start("postgres", SECRET, ADMIN).close())
                .hasStackTraceContaining("dsr.signing.keystore (DSR_SIGNING_KEYSTORE) is not set");
        try (ConfigurableApplicationContext started = start("postgres", SECRET, ADMIN,
                "--dsr.signing.allow-development-seal=true")) {
            assertThat(started.isActive()).isTrue();
        }
    }

    @Test
    void refusesAGuessableAdministratorName() {
        assertThatThrownBy(() -> start("postgres", SECRET, KEYSTORE, "--camunda.bpm.admin-user.id=admin").close())
                .hasStackTraceContaining("guessable name ('admin')");
    }

    @Test
    void startsWithEverythingSetAndTheDemoIsUntouched() {
        try (ConfigurableApplicationContext started = start("postgres", SECRET, KEYSTORE, ADMIN)) {
            assertThat(started.isActive()).isTrue();
        }
        try (ConfigurableApplicationContext demo = start("default")) {
            assertThat(demo.isActive()).isTrue();
        }
    }
}
