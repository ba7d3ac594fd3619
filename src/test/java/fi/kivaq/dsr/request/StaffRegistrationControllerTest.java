package fi.kivaq.dsr.request;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /staff/requests/new} alone: staff login and CSRF, parsing of the arrival, the evidence check, the use case. */
@Tag("fast")
@WebMvcTest(StaffRegistrationController.class)
@Import({WebSlice.class, IntakeValidator.class})
class StaffRegistrationControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    RequestIntake intake;
    @MockitoBean
    SignedRequestCheck evidenceCheck;

    private static MockMultipartHttpServletRequestBuilder letter(String receivedAt) {
        return arrived("letter", receivedAt);
    }

    private static MockMultipartHttpServletRequestBuilder arrived(String via, String receivedAt) {
        MockMultipartHttpServletRequestBuilder form = multipart("/staff/requests/new");
        form.param("type", "ACCESS").param("email", "aino@kemionsaari.example").param("name", "Aino Virtanen")
                .param("language", "sv").param("receivedVia", via).param("receivedAt", receivedAt);
        return form;
    }

    @Test
    void withoutALoginTheFormRedirectsToTheLoginPage() throws Exception {
        mvc.perform(get("/staff/requests/new"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    @WithMockUser(username = "visitor", roles = {})
    void aUserWithoutAStaffRoleIsForbidden() throws Exception {
        mvc.perform(get("/staff/requests/new")).andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void theFormProposesNowInHelsinkiTime() throws Exception {
        mvc.perform(get("/staff/requests/new"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2026-03-02T12:00")));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(letter("2026-02-27T09:30")).andExpect(status().isForbidden());
        verifyNoInteractions(intake);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aLetterIsFiledByTheStaffMemberFromTheDayItArrivedAndOpensItsPage() throws Exception {
        when(intake.fileByStaff(any(), any(), any(), any())).thenReturn(IntakeSlices.filed("DSR-2026-00033"));

        mvc.perform(letter("2026-02-27T09:30").with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/staff/requests/DSR-2026-00033"));

        verify(intake).fileByStaff(new NewRequest(RequestType.ACCESS, "aino@kemionsaari.example", "Aino Virtanen",
                        Language.SV, null, RequestChannel.STAFF,
                        LocalDateTime.of(2026, 2, 27, 9, 30).atZone(DeadlineCalculator.HELSINKI).toInstant()),
                ReceivedVia.LETTER, "sanna", Optional.empty());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void anArrivalInTheFutureOrUnreadableIsRefusedWithItsField() throws Exception {
        mvc.perform(letter("2026-03-02T12:01").with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("errors", Map.of("receivedAt", "error.receivedAt.future")))
                .andExpect(content().string(containsString("Saapumisaika ei voi olla tulevaisuudessa.")));
        mvc.perform(arrived("pigeon", "27.2.2026 9.30").with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("errors", Map.of(
                        "receivedVia", "error.receivedVia.required", "receivedAt", "error.receivedAt.invalid")));
        verifyNoInteractions(intake);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void anAcceptedSignedLetterGoesWithTheRequest() throws Exception {
        byte[] scan = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        SignedRequestCheck.Evidence evidence =
                new SignedRequestCheck.Evidence("kirje.jpg", "image/jpeg", scan, "abc", SignatureVerdict.NONE, null);
        when(evidenceCheck.check("kirje.jpg", scan, "aino@kemionsaari.example")).thenReturn(new SignedRequestCheck.Result(evidence, null));
        when(intake.fileByStaff(any(), any(), any(), any())).thenReturn(IntakeSlices.filed("DSR-2026-00034"));

        mvc.perform(letter("2026-02-27T09:30").file(new MockMultipartFile("evidence", "kirje.jpg", "image/jpeg", scan))
                        .with(csrf()))
                .andExpect(redirectedUrl("/staff/requests/DSR-2026-00034"));

        verify(intake).fileByStaff(any(), eq(ReceivedVia.LETTER), eq("sanna"), eq(Optional.of(evidence)));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aRefusedFileIsNamedAndNothingIsFiled() throws Exception {
        byte[] text = "hello".getBytes();
        when(evidenceCheck.check("kirje.txt", text, "aino@kemionsaari.example")).thenReturn(new SignedRequestCheck.Result(null, "error.evidence.type"));

        mvc.perform(letter("2026-02-27T09:30").file(new MockMultipartFile("evidence", "kirje.txt", "text/plain", text))
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("errors", Map.of("evidence", "error.evidence.type")))
                .andExpect(content().string(containsString("Liitteen on oltava PDF-, JPEG- tai PNG-tiedosto")));

        verifyNoInteractions(intake);
    }
}
