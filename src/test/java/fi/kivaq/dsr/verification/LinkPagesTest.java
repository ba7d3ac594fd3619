package fi.kivaq.dsr.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;

/**
 * The one page pattern of the three kinds of single-use link, through HTTP: the same answers for unknown, malformed,
 * used and expired links on every path, in the language of the request the link belongs to.
 */
class LinkPagesTest extends IntegrationTest {

    private static final List<String> PATHS = List.of("/verify/", "/acknowledge/", "/confirm-address/");

    @Autowired
    SingleUseLinks links;

    @Test
    void unknownAndMalformedLinksAre404WithTheSameSentenceOnEveryPath() {
        Http http = http();
        for (String path : PATHS) {
            for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x", "%3Cscript%3E")) {
                HttpResponse<String> get = http.get(path + token + "?lang=en");
                HttpResponse<String> post = http.post(path + token, "text/plain", new byte[0]);
                assertThat(get.statusCode()).as("GET %s%s", path, token).isEqualTo(404);
                assertThat(post.statusCode()).as("POST %s%s", path, token).isEqualTo(404);
                assertThat(post.body()).contains("This link is not valid").contains("We do not recognise this link")
                        .doesNotContain("<script>");
            }
        }
    }

    @Test
    void aNewAddressLinkSpeaksTheRequestsLanguageAndIsGoneOnceUsedOrExpired() {
        long request = request("sv");
        String valid = token(links.issue(new LinkPurpose("NEW_ADDRESS_CONFIRMATION", "/confirm-address/"), request,
                request, Duration.ofDays(1)));
        HttpResponse<String> page = http().get("/confirm-address/" + valid);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"sv\"").contains("<form method=\"post\"").contains(reference(request));

        jdbc.sql("update verification_token set used_at = :now where subject_id = :id and purpose = 'NEW_ADDRESS_CONFIRMATION'")
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("id", request).update();
        HttpResponse<String> used = http().post("/confirm-address/" + valid, "text/plain", new byte[0]);
        assertThat(used.statusCode()).isEqualTo(410);
        assertThat(used.body()).contains("lang=\"sv\"").doesNotContain("<form method=\"post\"");

        String expired = token(links.issue(new LinkPurpose("NEW_ADDRESS_CONFIRMATION", "/confirm-address/"), request,
                request, Duration.ZERO));
        HttpResponse<String> late = http().get("/confirm-address/" + expired);
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("lang=\"sv\"").doesNotContain("<form method=\"post\"");
    }

    @Test
    void aLinkPostLargerThanAFormIsRefusedOnEveryPath() {
        for (String path : PATHS) {
            HttpResponse<String> big = http().post(path + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "text/plain",
                    new byte[64 * 1024]);
            assertThat(big.statusCode()).as(path).isEqualTo(413);
        }
    }

    private String reference(long request) {
        return jdbc.sql("select reference from dsr_request where id = :id").param("id", request)
                .query(String.class).single();
    }

    private static String token(SingleUseLinks.IssuedLink link) {
        return link.url().substring(link.url().lastIndexOf('/') + 1);
    }

    /** A closed rectification request in the given language, with a reference like a filed one. */
    private long request(String language) {
        String email = uniqueAddress("link-page");
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, received_at, due_date, verification_state)
                        values ('RECTIFICATION', 'COMPLETED', 'API', :language, :email, :email, :now, :due, 'VERIFIED')""")
                .param("language", language).param("email", email).param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .param("due", LocalDate.now().plusMonths(1)));
        jdbc.sql("update dsr_request set reference = :r where id = :id")
                .param("r", "DSR-2026-L" + id).param("id", id).update();
        return id;
    }
}
