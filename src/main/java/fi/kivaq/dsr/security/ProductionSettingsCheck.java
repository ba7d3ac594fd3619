package fi.kivaq.dsr.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The production profile ({@code postgres}) refuses to start on a demo's defaults, before anything is created with
 * them: a suppression secret everybody can read in our source (erased people's hashes could be recomputed), a
 * self-made seal whose subject reads like KivaQ's real one (and differs on every node), or a guessable administrator
 * name. Runs as an {@link EnvironmentPostProcessor} (registered in {@code META-INF/spring.factories}), so it speaks
 * before the engine or the database are touched.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    static final String DEMO_SUPPRESSION_SECRET = "demo-only-suppression-secret";
    private static final Set<String> GUESSABLE_NAMES = Set.of("admin", "administrator", "demo", "staff", "manager",
            "camunda", "root", "test", "user");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String secret = environment.getProperty("dsr.suppression.secret", "");
        if (secret.isBlank() || DEMO_SUPPRESSION_SECRET.equals(secret)) {
            problems.add("dsr.suppression.secret (DSR_SUPPRESSION_SECRET) is not set: set a long random secret, the same "
                    + "on every node, and never change it");
        }
        String keystore = environment.getProperty("dsr.signing.keystore", "");
        boolean developmentSeal = environment.getProperty("dsr.signing.allow-development-seal", Boolean.class, false);
        if (keystore.isBlank() && !developmentSeal) {
            problems.add("dsr.signing.keystore (DSR_SIGNING_KEYSTORE) is not set: letters need the company seal's PKCS#12 "
                    + "keystore, the same file on every node (or dsr.signing.allow-development-seal=true for a test system)");
        }
        String admin = environment.getProperty("camunda.bpm.admin-user.id", "");
        if (admin.isBlank() || GUESSABLE_NAMES.contains(admin.strip().toLowerCase(Locale.ROOT))) {
            problems.add("camunda.bpm.admin-user.id (DSR_ADMIN_USER) is not set or is a guessable name ('" + admin
                    + "'): choose an administrator name of your own");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The postgres (production) profile refuses to start on unsafe defaults:\n - "
                    + String.join("\n - ", problems));
        }
    }
}
