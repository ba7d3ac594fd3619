package fi.kivaq.dsr.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the staff groups exist with the engine authorizations their work needs (idempotent, every start), and
 * in the demo run creates one staff and one manager user whose credentials the README lists.
 */
@Component
class StaffAccessSetup {

    private static final Logger log = LoggerFactory.getLogger(StaffAccessSetup.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final boolean demo;

    StaffAccessSetup(IdentityService identityService, AuthorizationService authorizationService,
                     @Value("${dsr.demo.enabled:false}") boolean demo) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.demo = demo;
    }

    /**
     * Least privilege: the groups' standing authorizations let them read definitions and filters and open Tasklist;
     * the tasks themselves they see and work on only through the authorization the engine gives a task's candidate
     * group when it creates the task ({@code default-user-permission-name-for-task: TASK_WORK}: claim and complete,
     * not change variables). Nobody but {@code camunda-admin} may start processes, change variables or modify,
     * suspend or delete instances; requests start only through our intake. Each run sets the permissions exactly,
     * so wider grants of earlier versions are taken back.
     */
    @EventListener(ApplicationStartedEvent.class)
    @Order(0)
    public void setUp() {
        group(StaffGroups.STAFF, "Data protection staff");
        group(StaffGroups.MANAGERS, "Data protection managers");
        group(StaffGroups.NEWSLETTER, "Newsletter editors");
        for (String group : List.of(StaffGroups.STAFF, StaffGroups.MANAGERS)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, ANY, Permissions.READ);
            grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
            revoke(group, Resources.TASK, ANY);
        }
        grant(StaffGroups.STAFF, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        revoke(StaffGroups.STAFF, Resources.PROCESS_INSTANCE, ANY);
        revoke(StaffGroups.STAFF, Resources.HISTORIC_TASK, ANY);
        // managers follow the requests in Cockpit, reading only
        grant(StaffGroups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffGroups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
                Permissions.READ_INSTANCE);
        grant(StaffGroups.MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(StaffGroups.MANAGERS, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
        if (demo) {
            user("staff", "Sanna", "Staff", "staff", StaffGroups.STAFF);
            user("manager", "Mikko", "Manager", "manager", StaffGroups.STAFF, StaffGroups.MANAGERS);
            // the demo's manager also writes the newsletter (also in a demo database made before the group existed)
            member("manager", StaffGroups.NEWSLETTER);
        }
    }

    private void group(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    private void user(String id, String firstName, String lastName, String password, String... groups) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword(password);
        user.setEmail(id + "@kivaq.example");
        identityService.saveUser(user);
        for (String group : groups) {
            identityService.createMembership(id, group);
        }
        log.info("Demo user '{}' created (password '{}'): change it for anything but a demo", id, password);
    }

    private void member(String user, String group) {
        if (identityService.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
            identityService.createMembership(user, group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.setPermissions(permissions);
        authorizationService.saveAuthorization(authorization);
    }

    private void revoke(String group, Resource resource, String resourceId) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        if (existing != null) {
            authorizationService.deleteAuthorization(existing.getId());
        }
    }
}
