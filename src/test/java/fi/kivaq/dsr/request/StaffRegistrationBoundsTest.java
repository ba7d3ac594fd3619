package fi.kivaq.dsr.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/** Staff registration refuses an arrival time before the GDPR or absurd, and an empty evidence file, with a 400. */
class StaffRegistrationBoundsTest extends IntegrationTest {

    @Autowired
    StaffUsers users;

    private Http staff() {
        users.ensure("bounds-staff", "s3cret-bounds", StaffGroups.STAFF);
        Http http = http();
        StaffUsers.login(http, "bounds-staff", "s3cret-bounds");
        return http;
    }

    private HttpResponse<String> register(Http staff, String receivedAt, String fileName, byte[] file) {
        Map<String, String> fields = new HashMap<>();
        fields.put("type", "ACCESS");
        fields.put("email", uniqueAddress("bounds"));
        fields.put("language", "en");
        fields.put("receivedVia", "LETTER");
        fields.put("receivedAt", receivedAt);
        fields.put("_csrf", StaffUsers.csrf(staff.get("/staff/requests/new").body()));
        return staff.postMultipart("/staff/requests/new", fields, "evidence", fileName, "application/pdf", file);
    }

    @Test
    void anArrivalBeforeTheGdprOrInYearMinus5000IsRefusedWith400() {
        Http staff = staff();
        long before = requestCount();
        for (String receivedAt : new String[] {"0001-01-01T10:00", "-5000-01-01T10:00", "+10000-01-01T10:00",
                "2018-05-24T23:59", "9999-12-31T23:59"}) {
            HttpResponse<String> refused = register(staff, receivedAt, "", new byte[0]);
            assertThat(refused.statusCode()).as(receivedAt).isEqualTo(400);
        }
        assertThat(register(staff, "2018-05-24T23:59", "", new byte[0]).body()).containsAnyOf("25.5.2018", "25 May 2018");
        assertThat(requestCount()).isEqualTo(before);
        assertThat(register(staff, "2018-05-25T09:00", "", new byte[0]).statusCode()).isEqualTo(302);
    }

    @Test
    void aZeroByteEvidenceFileIsRefusedWithAClearMessage() {
        Http staff = staff();
        long before = requestCount();
        HttpResponse<String> refused = register(staff, "2026-01-05T10:00", "signed-request.pdf", new byte[0]);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).containsAnyOf("Liitetiedosto on tyhjä", "The file is empty");
        assertThat(requestCount()).isEqualTo(before);
    }
}
