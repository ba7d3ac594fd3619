package fi.kivaq.dsr.request;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/requests} alone: validation per field in the requester's language, status codes, no CSRF. */
@Tag("fast")
@WebMvcTest(IntakeApiController.class)
@Import({WebSlice.class, IntakeValidator.class})
class IntakeApiControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    RequestIntake intake;

    private static MockHttpServletRequestBuilder json(String body) {
        return post("/api/requests").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aValidRequestIsFiledAsParsedAndAnsweredWithItsReference() throws Exception {
        when(intake.fileWithinLimit(any())).thenReturn(java.util.Optional.of(IntakeSlices.filed("DSR-2026-00031")));

        // no CSRF token: the API is for other systems, acting on anonymous input only
        mvc.perform(json("""
                        {"type":"unsubscribe","email":"  aino@kemionsaari.example ","name":"Aino Virtanen",
                         "language":"SV","details":""}"""))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.reference").value("DSR-2026-00031"));

        verify(intake).fileWithinLimit(new NewRequest(RequestType.UNSUBSCRIBE, "aino@kemionsaari.example", "Aino Virtanen",
                Language.SV, null, RequestChannel.API, WebSlice.NOW));
    }

    @Test
    void eachWrongFieldIsNamedInTheRequestersLanguageAndNothingIsFiled() throws Exception {
        mvc.perform(json("""
                        {"type":"RECTIFICATION","email":"not-an-address","name":"R2-D2","language":"sv"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Begäran innehåller fel. Rätta de markerade fälten."))
                .andExpect(jsonPath("$.errors", aMapWithSize(3)))
                .andExpect(jsonPath("$.errors.email").value(startsWith("E-postadressen är inte giltig")))
                .andExpect(jsonPath("$.errors.name").value(startsWith("Namnet får bara innehålla")))
                .andExpect(jsonPath("$.errors.details").value("Berätta vilken uppgift som ska rättas och hur."));

        verifyNoInteractions(intake);
    }

    @Test
    void withoutALanguageOfItsOwnTheAnswerIsInThePagesLanguage() throws Exception {
        mvc.perform(json("{\"email\":\"aino@kemionsaari.example\"}").param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.type").value("Please choose what you would like to do."));
        mvc.perform(json("{\"type\":\"ACCESS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.email").value("Anna sähköpostiosoite."));
    }

    @Test
    void anUnknownLanguageIsRefusedInFinnish() throws Exception {
        mvc.perform(json("{\"type\":\"ACCESS\",\"email\":\"aino@kemionsaari.example\",\"language\":\"de\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", aMapWithSize(1)))
                .andExpect(jsonPath("$.errors.language").value("Tuntematon kieli. Valitse fi, sv tai en."));
    }

    @Test
    void anAddressAtItsDailyLimitGets429AndNothingIsFiled() throws Exception {
        when(intake.fileWithinLimit(any())).thenReturn(java.util.Optional.empty());

        mvc.perform(json("{\"type\":\"ACCESS\",\"email\":\"aino@kemionsaari.example\",\"language\":\"en\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.errors.email").value(startsWith("So many requests have already been made")));

        verify(intake, never()).file(any());
        verify(intake).fileWithinLimit(any());
    }

    @Test
    void malformedJsonIs400InThePagesLanguage() throws Exception {
        mvc.perform(json("{\"type\":").param("lang", "sv"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Begärans innehåll är inte giltig JSON."));
        verifyNoInteractions(intake);
    }

    @Test
    void anotherContentTypeIs415AndAnotherMethodIs405() throws Exception {
        // Only the status: Spring raises both before a handler is chosen, so PublicApiErrors (an advice limited to
        // this package's controllers) never sees them and its error.mediaType / error.method texts are not sent.
        mvc.perform(post("/api/requests").contentType(MediaType.TEXT_PLAIN).content("type=ACCESS"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(get("/api/requests").param("lang", "en"))
                .andExpect(status().isMethodNotAllowed());
        verifyNoInteractions(intake);
    }

    @Test
    void jsonThatIsNotAnObjectIs400() throws Exception {
        mvc.perform(json("[1,2,3]").param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("The request body is not valid JSON."));
        verifyNoInteractions(intake);
    }

    @Test
    void aBodyOverThirtyTwoKibibytesIs413BeforeItIsRead() throws Exception {
        String details = "x".repeat(33 * 1024);
        // RequestSizeLimit runs before Spring MVC's locale resolver: its text follows the browser's Accept-Language
        mvc.perform(json("{\"type\":\"ACCESS\",\"email\":\"a@b.example\",\"details\":\"" + details + "\"}")
                        .header("Accept-Language", "sv"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().string("Begäran är för stor."));
        verifyNoInteractions(intake);
    }
}
