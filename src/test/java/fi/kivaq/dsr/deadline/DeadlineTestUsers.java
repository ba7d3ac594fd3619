package fi.kivaq.dsr.deadline;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import fi.kivaq.dsr.security.StaffGroups;

/** Staff users with mail addresses for the deadline tests, created once in the shared application context. */
final class DeadlineTestUsers {

    private DeadlineTestUsers() {
    }

    static void ensure(IdentityService identityService, String id, String password, String email, boolean manager) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(password);
        user.setEmail(email);
        identityService.saveUser(user);
        identityService.createMembership(id, StaffGroups.STAFF);
        if (manager) {
            identityService.createMembership(id, StaffGroups.MANAGERS);
        }
    }
}
