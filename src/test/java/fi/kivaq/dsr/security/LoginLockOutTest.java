package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/**
 * Failed logins are throttled per account and per client with a 429 that ends by itself, managers hear of it, and
 * Camunda's own permanent lock-out cannot be reached. Clients are told apart by {@code X-Forwarded-For}, which the
 * application believes from a proxy on the local network only (here: the test itself).
 */
class LoginLockOutTest extends IntegrationTest {

    @Autowired
    StaffUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    ProcessEngine engine;

    @Test
    void wrongPasswordsForOneAccountGiveA429NotAPermanentLock() {
        users.ensure("lock-target", "s3cret-lock-target", StaffGroups.STAFF);
        ensureManager("lock-manager", "lock-manager@kivaq.example");
        Http http = http();
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/engine-rest/task", join(Http.basicAuth("lock-target", "wrong-" + i),
                    "X-Forwarded-For", "203.0.113." + (10 + i))).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = http.get("/engine-rest/task", join(Http.basicAuth("lock-target", "s3cret-lock-target"),
                "X-Forwarded-For", "198.51.100.20"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        // the same for the login form, in the staff member's language
        Http form = http();
        HttpResponse<String> formRefused = StaffUsers.login(form, "lock-target", "s3cret-lock-target");
        assertThat(formRefused.statusCode()).isEqualTo(429);

        // managers are told, through the outbox
        assertThat(awaitMailWithSubject("lock-manager@kivaq.example", "Repeated failed logins")).isNotNull();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'LOGIN_THROTTLED' and detail like '%lock-target%'")
                .query(Long.class).single()).isEqualTo(1);

        // another account from another client is not affected
        users.ensure("lock-bystander", "s3cret-lock-bystander", StaffGroups.STAFF);
        assertThat(http.get("/engine-rest/task", join(Http.basicAuth("lock-bystander", "s3cret-lock-bystander"),
                "X-Forwarded-For", "198.51.100.21")).statusCode()).isEqualTo(200);
    }

    @Test
    void oneClientGuessingManyAccountsIsRefused() {
        Http http = http();
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/engine-rest/task", join(Http.basicAuth("guess-" + i, "x"),
                    "X-Forwarded-For", "203.0.113.99")).statusCode()).isEqualTo(401);
        }
        users.ensure("lock-sprayed", "s3cret-lock-sprayed", StaffGroups.STAFF);
        assertThat(http.get("/engine-rest/task", join(Http.basicAuth("lock-sprayed", "s3cret-lock-sprayed"),
                "X-Forwarded-For", "203.0.113.99")).statusCode()).isEqualTo(429);
        assertThat(http.get("/engine-rest/task", join(Http.basicAuth("lock-sprayed", "s3cret-lock-sprayed"),
                "X-Forwarded-For", "203.0.113.98")).statusCode()).isEqualTo(200);
    }

    @Test
    void camundasPermanentLockOutIsOutOfReach() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    }

    private void ensureManager(String id, String email) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword("s3cret-" + id);
            user.setEmail(email);
            identityService.saveUser(user);
            identityService.createMembership(id, StaffGroups.MANAGERS);
        }
    }

    private static String[] join(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
