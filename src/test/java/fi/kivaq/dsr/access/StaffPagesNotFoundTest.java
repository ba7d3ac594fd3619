package fi.kivaq.dsr.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/** A staff page asked for something that does not exist: a 404 page that says what was not found, never a 500. */
class StaffPagesNotFoundTest extends IntegrationTest {

    private static final String STAFF = "notfound-staff";
    private static final String PASSWORD = "notfound-staff-pw";

    @Autowired
    StaffUsers staffUsers;

    private Http staff;

    @BeforeEach
    void login() {
        staffUsers.ensure(STAFF, PASSWORD, "dsr-staff");
        staff = http();
        StaffUsers.login(staff, STAFF, PASSWORD);
    }

    @Test
    void aMissingRequestIsA404WithItsReference() {
        for (String path : new String[] {"/staff/requests/DSR-1999-99999", "/staff/requests/DSR-1999-99999/rectification",
                "/staff/requests/DSR-1999-99999/letter-preview.pdf", "/staff/requests/DSR-1999-99999/evidence/1"}) {
            HttpResponse<String> page = staff.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("No request has the reference DSR-1999-99999.");
        }
        for (String path : new String[] {"/staff/requests/id/999999999", "/staff/requests/id/999999999/rectification"}) {
            HttpResponse<String> page = staff.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("No request has the id 999999999.");
        }
    }

    @Test
    void aRequestWithoutThePartAskedForIsA404ThatSaysWhichPart() {
        String reference = accessRequestWithoutExtract();
        HttpResponse<String> rectification = staff.get("/staff/requests/" + reference + "/rectification");
        assertThat(rectification.statusCode()).isEqualTo(404);
        assertThat(rectification.body()).contains("The request " + reference + " is not a rectification request.");

        HttpResponse<String> preview = staff.get("/staff/requests/" + reference + "/letter-preview.pdf");
        assertThat(preview.statusCode()).isEqualTo(404);
        assertThat(preview.body()).contains("has no register extract to preview");

        HttpResponse<String> evidence = staff.get("/staff/requests/" + reference + "/evidence/424242");
        assertThat(evidence.statusCode()).isEqualTo(404);
        assertThat(evidence.body()).contains("has no evidence file 424242");

        assertThat(staff.get("/staff/requests/" + reference).statusCode()).as("the request itself").isEqualTo(200);
    }

    private String accessRequestWithoutExtract() {
        String email = uniqueAddress("notfound");
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, received_at, due_date, verification_state)
                        values ('ACCESS', 'COMPLETED', 'API', 'fi', :email, :email, :now, :due, 'VERIFIED')""")
                .param("email", email).param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .param("due", LocalDate.now().plusMonths(1)));
        String reference = "DSR-2026-N" + id;
        jdbc.sql("update dsr_request set reference = :r where id = :id").param("r", reference).param("id", id).update();
        return reference;
    }
}
