package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

/** Staff, and only staff, can open exactly the letter a requester was sent. */
class SentLetterAccessTest extends IntegrationTest {

    @Autowired
    TestRegister register;
    @Autowired
    StaffUsers users;

    @Test
    void staffOpenTheStoredLetterByteForByteAndNobodyElseCan() {
        String email = uniqueAddress("letter");
        long contact = register.subscriber("Kirjeen Saaja", email, "fi");
        http().post(register.unsubscribePath(contact), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes());
        record Stored(long id, String reference, byte[] content) {
        }
        Stored stored = Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql("""
                        select l.id, r.reference, l.content from response_letter l join dsr_request r on r.id = l.request_id
                        where r.contact_id = :c""").param("c", contact).query(Stored.class).optional().orElse(null),
                s -> s != null);
        String path = "/staff/requests/" + stored.reference() + "/letters/" + stored.id();

        HttpResponse<String> anonymous = http().get(path);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");

        users.ensure("letterstaff", "s3cret-letters", StaffGroups.STAFF);
        Http staff = http();
        StaffUsers.login(staff, "letterstaff", "s3cret-letters");
        assertThat(staff.get("/staff").body()).contains(path).contains("Uutiskirjeen lopetuksen vahvistus");

        HttpResponse<byte[]> letter = staff.getBytes(path);
        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(letter.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(letter.body()).isEqualTo(stored.content());
        assertThat(SealedPdf.sealIntact(letter.body())).isTrue();

        assertThat(staff.get("/staff/requests/" + stored.reference() + "/letters/999999999").statusCode()).isEqualTo(404);
        assertThat(staff.get("/staff/requests/DSR-1999-00001/letters/" + stored.id()).statusCode()).isEqualTo(404);
    }
}
