package fi.kivaq.dsr.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/**
 * A NUL or other control character in any field is a 400 with a sentence in the requester's language, and nothing
 * is stored: on PostgreSQL these inputs gave 500 ("invalid byte sequence for encoding UTF8: 0x00"), on H2 the API
 * stored an address no mail could reach.
 */
class ControlCharacterTest extends IntegrationTest {

    @Autowired
    private StaffUsers users;

    @Test
    void apiRefusesAnAddressWithANulOrAZeroWidthCharacterAndStoresNothing() {
        long before = requestCount();
        // a zero-width space around the address is trimmed (shared.EmailAddresses); inside it, it is refused
        for (String email : new String[] {"nul\\u0000byte@x.example", "zero\\u200Bwidth@x.example",
                "bell\\u0007@x.example"}) {
            HttpResponse<String> answer = http().postJson("/api/requests",
                    "{\"type\":\"ACCESS\",\"email\":\"" + email + "\",\"language\":\"sv\"}");
            assertThat(answer.statusCode()).as(email).isEqualTo(400);
            assertThat(answer.body()).as(email).contains("\"email\"");
        }
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void formRefusesControlCharactersInTheRequestersLanguage() {
        long before = requestCount();
        HttpResponse<String> answer = http().postForm("/request?lang=en", Map.of(
                "type", "ACCESS", "email", "form.nul@test.example", "name", "Aino\u0000Virtanen"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("control characters");
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void staffSearchWithANulIsA400NotA500() {
        users.ensure("nulstaff", "pw-nulstaff", StaffGroups.STAFF);
        Http http = http();
        StaffUsers.login(http, "nulstaff", "pw-nulstaff");
        HttpResponse<String> search = http.get("/staff/contacts?q=Aino%00");
        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(search.body()).contains("NUL");
    }
}
