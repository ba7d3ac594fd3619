package fi.kivaq.dsr.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Engine users for tests, and logging them in to the staff pages like a browser does. */
@Component
public class StaffUsers {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final IdentityService identityService;

    StaffUsers(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** Creates the user once; {@code group} may be null for a user outside every staff group. */
    public void ensure(String id, String password, String group) {
        ensure(id, password, group, "Testi", "Käyttäjä");
    }

    /** Creates the user once, with a name (which Tasklist shows in its header). */
    public void ensure(String id, String password, String group, String firstName, String lastName) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword(password);
        identityService.saveUser(user);
        if (group != null) {
            identityService.createMembership(id, group);
        }
    }

    /** The CSRF token of a page's forms. */
    public static String csrf(String page) {
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("page carries a CSRF token:\n%s", page).isTrue();
        return csrf.group(1);
    }

    /** Logs in through the login form (with its CSRF token); the session cookie stays in {@code http}. */
    public static HttpResponse<String> login(Http http, String user, String password) {
        String page = http.get("/login").body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("login page carries a CSRF token").isTrue();
        return http.postForm("/login", Map.of("username", user, "password", password, "_csrf", csrf.group(1)));
    }
}
