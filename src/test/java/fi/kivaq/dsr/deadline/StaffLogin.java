package fi.kivaq.dsr.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fi.kivaq.dsr.support.Http;

/** Form login and CSRF tokens for the staff pages. */
final class StaffLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private StaffLogin() {
    }

    static Http login(Http http, String user, String password) {
        HttpResponse<String> done = http.postForm("/login", Map.of("username", user, "password", password,
                "_csrf", csrf(http.get("/login").body())));
        assertThat(done.headers().firstValue("Location").orElse("")).as("login of " + user).doesNotContain("error");
        return http;
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("page carries a CSRF token").isTrue();
        return m.group(1);
    }
}
