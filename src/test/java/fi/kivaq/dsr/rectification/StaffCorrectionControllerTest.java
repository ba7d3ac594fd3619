package fi.kivaq.dsr.rectification;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The staff's correction form for a contact alone: shown with the current values, 404, proposals and their problems. */
@Tag("fast")
@WebMvcTest(StaffCorrectionController.class)
@Import(WebSlice.class)
class StaffCorrectionControllerTest {

    private static final long CONTACT = 17L;

    @Autowired
    MockMvc mvc;
    @MockitoBean
    StaffCorrectionProposals corrections;

    private static Map<Field, String> current() {
        Map<Field, String> values = new EnumMap<>(Field.class);
        values.put(Field.NAME, "Aino Virtanen");
        values.put(Field.EMAIL, "aino@kemionsaari.example");
        values.put(Field.ROLE, "Rehtori");
        values.put(Field.LANGUAGE, "fi");
        return values;
    }

    private static MockHttpServletRequestBuilder correction(String via) {
        return post("/staff/contacts/{id}/correction", CONTACT)
                .param("value.NAME", "Aino Lindholm").param("value.EMAIL", "aino@kemionsaari.example")
                .param("value.ROLE", "Rehtori").param("value.LANGUAGE", "fi")
                .param("receivedVia", via).param("note", "Married; phone call 2.3.");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void theFormShowsTheCurrentValuesAndPostsToItself() throws Exception {
        when(corrections.formFor(CONTACT, "sanna")).thenReturn(current());

        mvc.perform(get("/staff/contacts/{id}/correction", CONTACT))
                .andExpect(status().isOk())
                .andExpect(model().attribute("values", current()))
                .andExpect(content().string(containsString("action=\"/staff/contacts/17/correction\"")))
                .andExpect(content().string(containsString("value=\"aino@kemionsaari.example\"")))
                .andExpect(content().string(containsString("href=\"/staff/contacts/17\"")));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void anUnknownContactIs404() throws Exception {
        when(corrections.formFor(anyLong(), anyString())).thenThrow(new ContactNotFound(999));
        when(corrections.propose(anyLong(), any(), any(), anyString(), anyString())).thenThrow(new ContactNotFound(999));
        when(corrections.currentValues(anyLong())).thenReturn(Map.of());

        mvc.perform(get("/staff/contacts/{id}/correction", 999)).andExpect(status().isNotFound());
        mvc.perform(correction("PHONE").with(csrf())).andExpect(status().isNotFound());
        mvc.perform(correction("PIGEON").with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionGoesTheRectificationPath() throws Exception {
        DsrRequest filed = new DsrRequest(5L, "DSR-2026-00401", RequestType.RECTIFICATION, RequestStatus.IN_PROGRESS,
                RequestChannel.STAFF, Language.FI, "aino@kemionsaari.example", "Aino Virtanen", null, CONTACT,
                WebSlice.NOW, LocalDate.of(2026, 4, 2), VerificationState.NOT_REQUIRED, null, null, null);
        when(corrections.propose(anyLong(), any(), any(), anyString(), anyString()))
                .thenReturn(new StaffCorrectionProposals.Proposal(filed, current(), new DecisionProblems(Map.of())));

        mvc.perform(correction("PHONE").with(csrf()))
                .andExpect(redirectedUrl("/staff/requests/DSR-2026-00401/rectification"));

        Map<Field, String> wanted = current();
        wanted.put(Field.NAME, "Aino Lindholm");
        verify(corrections).propose(CONTACT, wanted, ReceivedVia.PHONE, "Married; phone call 2.3.", "sanna");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionOnKivaQsOwnInitiativeHasNoChannelAndItsProblemsAreShown() throws Exception {
        when(corrections.propose(anyLong(), any(), any(), anyString(), anyString())).thenReturn(
                new StaffCorrectionProposals.Proposal(null, current(), new DecisionProblems(Map.of("NAME", "rectification.error.tooLong"))));

        mvc.perform(correction(StaffCorrectionController.OWN_INITIATIVE).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("problems", Map.of("NAME", "rectification.error.tooLong")));

        verify(corrections).propose(eq(CONTACT), any(), isNull(), anyString(), eq("sanna"));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionWithoutHowItArrivedIsRefusedAsTypedWith400() throws Exception {
        when(corrections.currentValues(CONTACT)).thenReturn(current());

        mvc.perform(correction("PIGEON").with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("problems", Map.of("receivedVia", "staff.contacts.correction.viaRequired")))
                .andExpect(content().string(containsString("Aino Lindholm")));

        verify(corrections, never()).propose(anyLong(), any(), any(), anyString(), anyString());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(correction("PHONE")).andExpect(status().isForbidden());
        verifyNoInteractions(corrections);
    }

    @Test
    void withoutALoginTheFormIsClosed() throws Exception {
        mvc.perform(get("/staff/contacts/{id}/correction", CONTACT)).andExpect(status().is3xxRedirection());
        mvc.perform(correction("PHONE").with(csrf())).andExpect(status().is3xxRedirection());
        verifyNoInteractions(corrections);
    }
}
