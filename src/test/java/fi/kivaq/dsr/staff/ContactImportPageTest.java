package fi.kivaq.dsr.staff;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.StagedImports;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import page over HTTP: a staff login, the dry run of an upload, the application of exactly that file by its
 * token (no second upload), the file gone afterwards, and nothing of it for another staff member or without a login.
 */
class ContactImportPageTest extends IntegrationTest {

    static final String STAFF = "import-page-staff";
    static final String OTHER = "import-page-other";
    static final String PASSWORD = "s3cret-import-page";

    @Autowired
    StaffUsers users;
    @Autowired
    StagedImports staged;
    @Autowired
    ContactRegister contacts;

    @BeforeEach
    void staffUsers() {
        users.ensure(STAFF, PASSWORD, StaffGroups.STAFF);
        users.ensure(OTHER, PASSWORD, StaffGroups.STAFF);
    }

    @Test
    void staffSeeTheDryRunThenApplyThatFileByItsTokenAndTheFileIsThenGone() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String address = "page." + tag + "@test.example";
        byte[] file = ("nimi;sähköposti;lähde;kieli\nSiiri Säämänen;" + address + ";EVENT;fi\n"
                + "Huono Rivi;huono " + tag + "@test.example;EVENT;fi\n").getBytes(Charset.forName("windows-1252"));
        byte[] valid = ("nimi;sähköposti;lähde;kieli\nSiiri Säämänen;" + address + ";EVENT;fi\n")
                .getBytes(Charset.forName("windows-1252"));
        Http staff = login(STAFF);
        long stagedBefore = staged.count();

        Document refused = Jsoup.parse(upload(staff, file).body());
        assertThat(refused.selectFirst("#problems tr[data-line=3]").text()).contains("ei kelpaa");
        assertThat(refused.selectFirst("form#apply")).isNull();

        Document dryRun = Jsoup.parse(upload(staff, valid).body());
        assertThat(dryRun.selectFirst("#outcomes tr[data-outcome=CREATE]").attr("data-count")).isEqualTo("1");
        assertThat(dryRun.selectFirst("#report").attr("data-applied")).isEqualTo("false");
        assertThat(contacts.findContactIdByEmail(address)).isEmpty();
        String token = dryRun.selectFirst("form#apply input[name=token]").attr("value");
        assertThat(staged.count()).isEqualTo(stagedBefore + 2);

        // another staff member cannot apply it
        Http other = login(OTHER);
        assertThat(Jsoup.parse(apply(other, token).body()).selectFirst("#problem")).isNotNull();
        assertThat(contacts.findContactIdByEmail(address)).isEmpty();

        Document applied = Jsoup.parse(apply(staff, token).body());
        assertThat(applied.selectFirst("#report").attr("data-applied")).isEqualTo("true");
        assertThat(contacts.findContactIdByEmail(address)).isPresent();
        assertThat(staged.count()).isEqualTo(stagedBefore + 1);

        Document again = Jsoup.parse(apply(staff, token).body());
        assertThat(again.selectFirst("#problem").text()).contains("ei enää säilytetä");
    }

    @Test
    void withoutALoginThePageRedirectsToTheLogin() {
        HttpResponse<String> response = http().get("/staff/contacts/import");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private Http login(String user) {
        Http http = http();
        StaffUsers.login(http, user, PASSWORD);
        return http;
    }

    private static HttpResponse<String> upload(Http staff, byte[] file) {
        String csrf = StaffUsers.csrf(staff.get("/staff/contacts/import").body());
        HttpResponse<String> response = staff.postMultipart("/staff/contacts/import", Map.of("_csrf", csrf), "file",
                "contacts.csv", "text/csv", file);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> apply(Http staff, String token) {
        String csrf = StaffUsers.csrf(staff.get("/staff/contacts/import").body());
        HttpResponse<String> response = staff.postForm("/staff/contacts/import/apply",
                Map.of("_csrf", csrf, "token", token));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
