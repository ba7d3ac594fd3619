package fi.kivaq.dsr.request;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

import jakarta.servlet.http.Cookie;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The public form at {@code /} and {@code POST /request} alone: language, validation per field, status codes. */
@Tag("fast")
@WebMvcTest(IntakePageController.class)
@Import({WebSlice.class, IntakeValidator.class})
class IntakePageControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    RequestIntake intake;

    @Test
    void theFormIsFinnishByDefaultAndAnyoneMayOpenIt() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(view().name("web/intake"))
                .andExpect(content().string(containsString("lang=\"fi\"")));
    }

    @Test
    void theChosenLanguageIsKeptInACookie() throws Exception {
        mvc.perform(get("/").param("lang", "sv"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"sv\"")))
                .andExpect(cookie().value("dsr-lang", "sv"));
    }

    @Test
    void aValidFormIsFiledAsParsedInThePagesLanguage() throws Exception {
        when(intake.fileWithinLimit(any())).thenReturn(java.util.Optional.of(IntakeSlices.filed("DSR-2026-00032")));

        // no CSRF token: the form acts on anonymous input only (SecurityConfig)
        mvc.perform(post("/request").cookie(new Cookie("dsr-lang", "en"))
                        .param("type", "deletion").param("email", " aino@kemionsaari.example")
                        .param("name", "Aino Virtanen").param("details", "  everything  ")
                        .param("language", "sv"))
                .andExpect(status().isOk())
                .andExpect(view().name("web/request-filed"))
                .andExpect(content().string(containsString("DSR-2026-00032")));

        // the page's language counts, not a language field smuggled into the form
        verify(intake).fileWithinLimit(new NewRequest(RequestType.DELETION, "aino@kemionsaari.example", "Aino Virtanen",
                Language.EN, "everything", RequestChannel.WEB_FORM, WebSlice.NOW));
    }

    @Test
    void wrongFieldsAreNamedOnTheFormAgainAsTypedWith400() throws Exception {
        mvc.perform(post("/request").cookie(new Cookie("dsr-lang", "sv"))
                        .param("type", "RECTIFICATION").param("email", "aino(at)kemionsaari"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("web/intake"))
                .andExpect(model().attribute("errors", Map.of(
                        "email", "error.email.invalid", "details", "error.details.requiredForRectification")))
                .andExpect(content().string(allOf(
                        containsString("E-postadressen är inte giltig"),
                        containsString("Berätta vilken uppgift som ska rättas och hur."),
                        containsString("value=\"aino(at)kemionsaari\""),
                        not(containsString("Sähköpostiosoite")))));

        verifyNoInteractions(intake);
    }

    @Test
    void anAddressAtItsDailyLimitGets429AndNothingIsFiled() throws Exception {
        when(intake.fileWithinLimit(any())).thenReturn(java.util.Optional.empty());

        mvc.perform(post("/request").param("type", "ACCESS").param("email", "aino@kemionsaari.example"))
                .andExpect(status().isTooManyRequests())
                .andExpect(view().name("web/intake"))
                .andExpect(content().string(containsString("Tähän sähköpostiosoitteeseen on tehty tänään jo")));

        verify(intake, never()).file(any());
        verify(intake).fileWithinLimit(any());
    }
}
