package fi.kivaq.dsr.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.support.IntegrationTest;

/** The pages take the company's details from configuration and their languages from {@link Language}. */
class PageTextsTest extends IntegrationTest {

    @Autowired
    ControllerProperties controller;
    @Autowired
    fi.kivaq.dsr.support.TestRegister register;

    @Test
    void everyPublicPageNamesTheConfiguredControllerAndOffersEveryLanguage() {
        for (Language language : Language.values()) {
            HttpResponse<String> page = http().get("/?lang=" + language.code());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("<div class=\"brand\">" + controller.name() + "</div>")
                    .contains(controller.name() + " · " + controller.streetAddress() + ", " + controller.postalCode()
                            + " " + controller.city() + " · " + controller.email())
                    .contains("<title>" + controller.name() + " – ");
            for (Language offered : Language.values()) {
                assertThat(page.body()).contains("href=\"/?lang=" + offered.code() + "\" lang=\"" + offered.code() + "\"");
            }
        }
    }

    @Test
    void theErrorPageGivesTheConfiguredAddress() {
        HttpResponse<String> error = http().post("/api/requests?lang=en", "text/plain", new byte[] {1},
                "Accept", "text/html");

        assertThat(error.statusCode()).isEqualTo(415);
        assertThat(error.body()).contains("Something went wrong").contains("or write to " + controller.email() + ".");
    }

    @Test
    void aQuoteInAPageTextWithAnArgumentIsKept() {
        HttpResponse<String> filed = http().postForm("/request?lang=en", Map.of(
                "type", "UNSUBSCRIBE", "email", uniqueAddress("quote"), "name", "Quote Tester"));

        assertThat(filed.statusCode()).isEqualTo(200);
        // MessageFormat would have eaten the apostrophe and left "{0}" unreplaced
        assertThat(filed.body()).containsPattern("Your request&#39;s reference is DSR-\\d{4}-\\d{5}\\.");
    }

    @Test
    void theLanguageLinksOfALinkPageLeadToTheSamePage() {
        String email = uniqueAddress("kielet");
        String unsubscribe = register.unsubscribePath(register.subscriber("Kielen Vaihtaja", email, "fi"));
        http().postJson("/api/requests", """
                {"type":"ACCESS","email":"%s","language":"fi"}""".formatted(email));
        String verify = fi.kivaq.dsr.support.Mails.verificationPath(awaitMailWithSubject(email, "Vahvista"));
        for (String path : java.util.List.of(unsubscribe, verify)) {
            HttpResponse<String> page = http().get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            for (Language offered : Language.values()) {
                assertThat(page.body()).as(path)
                        .contains("href=\"" + path + "?lang=" + offered.code() + "\" lang=\"" + offered.code() + "\"");
            }
        }
    }
}
