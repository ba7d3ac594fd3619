package fi.kivaq.dsr.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.support.IntegrationTest;

/** Bad input to the public intake: a 4xx with a specific message in the requester's language, and nothing stored. */
class IntakeInputTest extends IntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> invalidRequests() {
        String ok = "\"type\":\"ACCESS\",\"email\":\"someone@test.example\"";
        return Stream.of(
                Arguments.of("{}", "type", "Valitse, mitä haluat tehdä."),
                Arguments.of("{\"email\":\"someone@test.example\"}", "type", "Valitse"),
                Arguments.of("{\"type\":\"BOGUS\",\"email\":\"someone@test.example\"}", "type", "Tuntematon pyynnön tyyppi"),
                Arguments.of("{\"type\":\"ACCESS\"}", "email", "Anna sähköpostiosoite."),
                Arguments.of("{\"type\":\"ACCESS\",\"email\":\"   \"}", "email", "Anna sähköpostiosoite."),
                Arguments.of("{\"type\":\"ACCESS\",\"email\":\"not-an-address\"}", "email", "ei ole kelvollinen"),
                Arguments.of("{\"type\":\"ACCESS\",\"email\":\"a@b\"}", "email", "ei ole kelvollinen"),
                Arguments.of("{\"type\":\"ACCESS\",\"email\":\"two@@test.example\"}", "email", "ei ole kelvollinen"),
                Arguments.of("{\"type\":\"ACCESS\",\"email\":\"" + "x".repeat(250) + "@test.example\"}", "email", "liian pitkä"),
                Arguments.of("{" + ok + ",\"name\":\"<script>alert(1)</script>\"}", "name", "vain kirjaimia"),
                Arguments.of("{" + ok + ",\"name\":\"<b>Aino</b>\"}", "name", "vain kirjaimia"),
                Arguments.of("{" + ok + ",\"name\":\"" + "Aino ".repeat(41) + "\"}", "name", "liian pitkä"),
                Arguments.of("{" + ok + ",\"language\":\"de\"}", "language", "Tuntematon kieli"),
                Arguments.of("{" + ok + ",\"details\":\"" + "x".repeat(2001) + "\"}", "details", "liian pitkät"),
                Arguments.of("{" + ok + ",\"details\":\"bell \\u0007 here\"}", "details", "ohjausmerkkejä"),
                Arguments.of("{\"type\":\"RECTIFICATION\",\"email\":\"someone@test.example\"}", "details", "mitä tietoa pitää korjata"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidFieldsAreNamedWithAClearMessageAndNothingIsStored(String body, String field, String message)
            throws Exception {
        long before = requestCount();
        HttpResponse<String> response = http().postJson("/api/requests", body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("errors").path(field).asText()).contains(message);
        assertThat(answer.path("message").asText()).isNotBlank();
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void messagesComeInTheLanguageTheRequesterChose() throws Exception {
        JsonNode sv = json.readTree(http().postJson("/api/requests",
                "{\"type\":\"NOPE\",\"email\":\"x\",\"language\":\"sv\"}").body());
        JsonNode en = json.readTree(http().postJson("/api/requests",
                "{\"type\":\"NOPE\",\"email\":\"x\",\"language\":\"en\"}").body());

        assertThat(sv.path("errors").path("type").asText()).contains("Okänd typ av begäran");
        assertThat(sv.path("errors").path("email").asText()).contains("E-postadressen är inte giltig");
        assertThat(en.path("errors").path("type").asText()).contains("Unknown request type");
        assertThat(en.path("message").asText()).contains("The request has errors");
    }

    @Test
    void malformedJsonWrongMediaTypeAndWrongMethodAreClientErrors() throws Exception {
        long before = requestCount();
        HttpResponse<String> malformed = http().postJson("/api/requests", "{\"type\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("message").asText()).contains("JSON");

        HttpResponse<String> notJson = http().post("/api/requests", "text/plain", "type=ACCESS".getBytes());
        assertThat(notJson.statusCode()).isEqualTo(415);

        HttpResponse<String> array = http().postJson("/api/requests", "[1,2,3]");
        assertThat(array.statusCode()).isEqualTo(400);

        assertThat(http().get("/api/requests").statusCode()).isEqualTo(405);
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void oversizeBodiesAreRefusedWith413WhetherDeclaredOrStreamed() throws Exception {
        long before = requestCount();
        String huge = "{\"type\":\"ACCESS\",\"email\":\"big@test.example\",\"details\":\"" + "x".repeat(40_000) + "\"}";

        HttpResponse<String> declared = http().postJson("/api/requests", huge);
        assertThat(declared.statusCode()).isEqualTo(413);

        // no Content-Length: the body is streamed in chunks and cut off at the limit
        HttpResponse<String> streamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void theFormPageShowsErrorsInItsLanguageAndDoesNotInterpretMarkup() {
        long before = requestCount();
        HttpResponse<String> page = http().postForm("/request?lang=en", Map.of(
                "type", "ACCESS", "email", "broken", "name", "<script>alert('x')</script>"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("The e-mail address is not valid")
                .contains("A name may contain only letters")
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;");
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void theFormPageIsFinnishByDefaultAndOffersSwedishAndEnglish() {
        HttpResponse<String> fi = http().get("/");
        assertThat(fi.statusCode()).isEqualTo(200);
        assertThat(fi.body()).contains("lang=\"fi\"").contains("Lähetä pyyntö").contains("?lang=sv").contains("?lang=en");
        assertThat(http().get("/?lang=sv").body()).contains("Skicka begäran");
        assertThat(http().get("/?lang=en").body()).contains("Send request");
        assertThat(http().get("/?lang=xx").body()).contains("Lähetä pyyntö");
    }

    @Test
    void aValidRequestIsAcceptedWithItsReferenceOnly() throws Exception {
        HttpResponse<String> response = http().postJson("/api/requests", """
                {"type":"access","email":" Valid.Person@Test.Example ","name":"Åsa Öberg-Łukasiewicz","language":"sv",
                 "details":"Jag vill se mina uppgifter."}""");
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.size()).isEqualTo(1);
        String reference = answer.path("reference").asText();
        assertThat(reference).matches("DSR-\\d{4}-\\d{5}");
        assertThat(jdbc.sql("select requester_email_normalised from dsr_request where reference = :r")
                .param("r", reference).query(String.class).single()).isEqualTo("valid.person@test.example");
    }
}
