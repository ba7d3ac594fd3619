package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/** Nothing that shows personal data, tasks or process state is reachable without a staff login. */
class StaffAccessTest extends IntegrationTest {

    @Autowired
    StaffUsers users;

    @BeforeEach
    void users() {
        users.ensure("teststaff", "s3cret-staff", StaffGroups.STAFF);
        users.ensure("outsider", "s3cret-outsider", null);
        // wrong passwords go to this user only: the engine delays a user's next login after a failed one
        users.ensure("guessed", "s3cret-guessed", StaffGroups.STAFF);
    }

    @Test
    void engineRestNeedsHttpBasicAgainstTheEngineUsers() {
        Http http = http();
        assertThat(http.get("/engine-rest/process-instance").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/task").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/history/variable-instance").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/task", Http.basicAuth("guessed", "wrong")).statusCode()).isEqualTo(401);
        assertThat(http.postJson("/engine-rest/process-definition/key/unsubscribe/start", "{}").statusCode()).isEqualTo(401);

        HttpResponse<String> allowed = http.get("/engine-rest/task", Http.basicAuth("teststaff", "s3cret-staff"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).startsWith("[");
    }

    @Test
    void staffPagesRedirectToTheLoginAndOpenForStaffOnly() {
        Http anonymous = http();
        for (String path : new String[] {"/staff", "/staff/anything", "/actuator", "/some/unknown/page"}) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }

        Http staff = http();
        StaffUsers.login(staff, "teststaff", "s3cret-staff");
        HttpResponse<String> home = staff.get("/staff");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>Pyynnöt</h1>").contains("id=\"request-search\"");

        Http outsider = http();
        StaffUsers.login(outsider, "outsider", "s3cret-outsider");
        assertThat(outsider.get("/staff").statusCode()).isEqualTo(403);

        Http wrong = http();
        HttpResponse<String> failed = StaffUsers.login(wrong, "guessed", "not-the-password");
        assertThat(failed.headers().firstValue("Location").orElse("")).contains("/login?error");
        assertThat(wrong.get("/staff").statusCode()).isEqualTo(302);
    }

    @Test
    void nobodyCanUseTheWebappsFirstRunSetupToCreateAnAdministrator() {
        // as a browser would: the webapp's page hands out its CSRF token, which the API call then carries
        Http browser = http();
        String csrf = browser.get("/camunda/app/admin/default/").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no CSRF cookie from the webapp"));
        HttpResponse<String> setup = browser.postJson("/camunda/api/admin/setup/default/user/create", """
                {"profile":{"id":"intruder","firstName":"I","lastName":"N","email":"i@n.example"},
                 "credentials":{"password":"intruder-pass"}}""", "X-XSRF-TOKEN", csrf);
        assertThat(setup.statusCode()).isIn(401, 403);
        assertThat(http().get("/engine-rest/user?id=intruder", Http.basicAuth("teststaff", "s3cret-staff")).body())
                .doesNotContain("intruder");
    }

    @Test
    void camundaWebappsAskForTheirOwnLogin() {
        Http http = http();
        assertThat(http.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
        assertThat(http.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").statusCode())
                .isIn(401, 403);
    }

}
