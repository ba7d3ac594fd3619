package fi.kivaq.dsr.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/** Headers and sessions as a browser behind our TLS proxy sees them. */
class HeadersAndSessionsTest extends IntegrationTest {

    private static final String[] TLS_PROXY = {"X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.80"};

    @Autowired
    StaffUsers users;
    @Autowired
    RequestIntake intake;
    @Autowired
    fi.kivaq.dsr.shared.DsrProperties properties;

    @Test
    void behindTlsThereIsHstsAndTheSessionCookieIsSecureAndSameSiteLax() {
        HttpResponse<String> home = http().get("/", TLS_PROXY);
        assertThat(home.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));
        assertThat(http().get("/").headers().firstValue("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();

        HttpResponse<String> login = http().get("/login", TLS_PROXY);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).filteredOn(c -> c.startsWith("JSESSIONID=")).singleElement().asString()
                .contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void anonymousPublicPagesCreateNoSession() {
        for (String page : new String[] {"/", "/request", "/?lang=sv", "/verify/not-a-token", "/unsubscribe/not-a-token"}) {
            HttpResponse<String> response = http().get(page);
            assertThat(response.statusCode()).as(page).isLessThan(500);
            assertThat(response.headers().allValues("Set-Cookie")).as(page)
                    .noneMatch(c -> c.startsWith("JSESSIONID="));
        }
    }

    @Test
    void redirectsNeverEchoTheHostHeader() throws IOException {
        String answer = raw("GET /staff HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 302");
        assertThat(answer).containsIgnoringCase("Location: /login\r\n").doesNotContain("evil.example");
        String forwarded = raw("GET /staff HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil2.example\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(forwarded).doesNotContain("evil.example").doesNotContain("evil2.example");
    }

    @Test
    void anonymousPagesDoNotNameTheEngineVersion() {
        String shown = org.camunda.bpm.engine.impl.util.ProductPropertiesUtil.getProductVersion();
        assertThat(shown).isNotBlank();
        for (String page : new String[] {"/", "/request", "/login", "/camunda/app/welcome/default/",
            "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/"}) {
            HttpResponse<String> response = http().get(page);
            assertThat(response.body()).as(page).doesNotContain(shown);
            assertThat(response.headers().map().toString()).as(page).doesNotContain(shown);
        }
    }

    @Test
    void errorAskedForDirectlyIsNotFoundNotAServerError() {
        assertThat(http().get("/error").statusCode()).isEqualTo(404);
        assertThat(http().get("/error?status=500").statusCode()).isEqualTo(404);
    }

    @Test
    void aStaffNoteOver32KiloBytesIsAClear413NotA403() {
        users.ensure("hs-staff", "s3cret-hs-staff", StaffGroups.STAFF);
        DsrRequest request = intake.file(new NewRequest(RequestType.ACCESS, uniqueAddress("bignote"), null,
                Language.FI, null, RequestChannel.WEB_FORM, Instant.now()));
        Http staff = http();
        StaffUsers.login(staff, "hs-staff", "s3cret-hs-staff");
        String page = staff.get("/staff/requests/" + request.reference()).body();
        HttpResponse<String> tooBig = staff.postForm("/staff/requests/" + request.reference() + "/notes",
                Map.of("text", "x".repeat(40_000), "_csrf", StaffUsers.csrf(page)));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).isNotBlank();
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
