package fi.kivaq.dsr.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestRegister;

/** Issue 14, item 5: the live audience for an external mailing tool, behind an API key. */
class NewsletterAudienceApiTest extends IntegrationTest {

    private static final String PATH = "/api/newsletter/audience";

    @Autowired
    TestRegister register;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void refusesWithoutTheKeyOrWithAWrongOne() {
        for (String[] headers : new String[][] {{}, {"Authorization", "Bearer wrong-key"},
                {"X-API-Key", "test-audience-ke"}, {"Authorization", "Basic dGVzdC1hdWRpZW5jZS1rZXk="}}) {
            HttpResponse<String> refused = http().get(PATH, headers);
            assertThat(refused.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("@");
        }
    }

    @Test
    void listsTheLiveAudienceWithAWorkingOneClickUrlEach() throws Exception {
        String live = uniqueAddress("live");
        String gone = uniqueAddress("gone");
        register.subscriber("Elävä Tilaaja", live, "sv");
        long goneContact = register.subscriber("Lähtenyt Tilaaja", gone, "fi");
        http().post(register.unsubscribePath(goneContact), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes());

        HttpResponse<String> answer = http().get(PATH, "Authorization", "Bearer test-audience-key");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("listId").asText()).isEqualTo("KivaQ newsletter <newsletter.kivaq.fi>");
        JsonNode member = null;
        for (JsonNode m : body.get("subscribers")) {
            assertThat(m.get("email").asText()).isNotEqualTo(gone);
            if (m.get("email").asText().equals(live)) {
                member = m;
            }
        }
        assertThat(member).isNotNull();
        assertThat(member.get("language").asText()).isEqualTo("sv");
        String url = member.get("unsubscribeUrl").asText();
        assertThat(url).matches("https?://.+/unsubscribe/[A-Za-z0-9_-]{43}");

        assertThat(http().get(PATH, "X-API-Key", "test-audience-key").statusCode()).isEqualTo(200);

        // an unsubscribe through the exported link lands here
        long liveContact = jdbc.sql("select id from contact where email = :e").param("e", live)
                .query(Long.class).single();
        HttpResponse<String> done = http().post(url.substring(url.indexOf("/unsubscribe/")),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(register.isSubscribed(liveContact)).isFalse();
    }

    @Test
    void withoutAConfiguredKeyEveryCallIsRefused() {
        NewsletterAudienceApi api = new NewsletterAudienceApi(null, null,
                new NewsletterProperties(null, "list", java.time.Duration.ofDays(7)));
        assertThat(api.authorised(null)).isFalse();
        assertThat(api.authorised("")).isFalse();
        assertThat(new NewsletterAudienceApi(null, null, new NewsletterProperties("", "list",
                java.time.Duration.ofDays(7))).authorised("")).isFalse();
        assertThat(new NewsletterAudienceApi(null, null, new NewsletterProperties("k", "list",
                java.time.Duration.ofDays(7))).authorised("k")).isTrue();
    }
}
