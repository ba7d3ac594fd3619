package fi.kivaq.dsr.staff;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.rectification.DecisionProblems;
import fi.kivaq.dsr.rectification.Field;
import fi.kivaq.dsr.rectification.StaffCorrectionProposals;
import fi.kivaq.dsr.register.ContactDirectory;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The staff's register view alone: search limits, 404, audit of every search and view, corrections proposed. */
@Tag("fast")
@WebMvcTest(RegisterViewController.class)
@Import(WebSlice.class)
class RegisterViewControllerTest {

    private static final long CONTACT = 17L;
    private static final OffsetDateTime CREATED = OffsetDateTime.of(2025, 1, 10, 9, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ContactDirectory directory;
    @MockitoBean
    AuditLog audit;
    @MockitoBean
    StaffCorrectionProposals rectifications;

    private static ContactDirectory.ContactDetails details() {
        return new ContactDirectory.ContactDetails(new ContactDirectory.Contact(CONTACT, "Aino Virtanen",
                "aino@kemionsaari.example", "Rehtori", "Kemiönsaaren koulu", "fi", "EMAIL", CREATED, CREATED),
                true, List.of(), List.of(), List.of(), List.of());
    }

    private static Map<Field, String> current() {
        Map<Field, String> values = new EnumMap<>(Field.class);
        values.put(Field.NAME, "Aino Virtanen");
        values.put(Field.EMAIL, "aino@kemionsaari.example");
        values.put(Field.ROLE, "Rehtori");
        values.put(Field.LANGUAGE, "fi");
        return values;
    }

    private static MockHttpServletRequestBuilder correction(String via) {
        return post("/staff/contacts/{id}/corrections", CONTACT)
                .param("value.NAME", "Aino Lindholm").param("value.EMAIL", "aino@kemionsaari.example")
                .param("value.ROLE", "Rehtori").param("value.LANGUAGE", "fi")
                .param("receivedVia", via).param("note", "Married; phone call 2.3.");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void withoutATermTheRegisterIsNeverListed() throws Exception {
        mvc.perform(get("/staff/contacts")).andExpect(status().isOk());
        mvc.perform(get("/staff/contacts").param("q", "   ")).andExpect(status().isOk());
        verifyNoInteractions(directory, audit);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aTermTooShortOrTooLongIsNamedAndNotSearched() throws Exception {
        mvc.perform(get("/staff/contacts").param("q", "a".repeat(ContactDirectory.MIN_TERM_LENGTH - 1)))
                .andExpect(status().isOk())
                .andExpect(model().attribute("problem", "staff.contacts.tooShort"));
        mvc.perform(get("/staff/contacts").param("q", "a".repeat(ContactDirectory.MAX_TERM_LENGTH + 1)))
                .andExpect(model().attribute("problem", "staff.contacts.tooLong"));
        verifyNoInteractions(directory, audit);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aSearchIsMadeWithTheTrimmedTermAndAuditedWithItsCountOnly() throws Exception {
        when(directory.search("virtanen")).thenReturn(new ContactDirectory.SearchResult(List.of(
                new ContactDirectory.Match(CONTACT, "Aino Virtanen", "aino@kemionsaari.example", "Kemiönsaaren koulu",
                        "fi", true)), false));

        mvc.perform(get("/staff/contacts").param("q", "  virtanen "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/staff/contacts/" + CONTACT)));

        verify(audit).recordRegisterSearch("sanna", 1);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aContactIsShownAndItsViewAudited() throws Exception {
        when(directory.details(CONTACT)).thenReturn(Optional.of(details()));
        when(rectifications.currentValues(CONTACT)).thenReturn(current());

        mvc.perform(get("/staff/contacts/{id}", CONTACT))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Kemiönsaaren koulu")));

        verify(audit).recordForContact("sanna", AuditLog.Action.VIEW_CONTACT, CONTACT, null);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void anUnknownContactIs404AndNothingIsAudited() throws Exception {
        when(directory.details(anyLong())).thenReturn(Optional.empty());

        mvc.perform(get("/staff/contacts/{id}", 999)).andExpect(status().isNotFound());
        mvc.perform(correction("PHONE").with(csrf())).andExpect(status().isNotFound());
        verifyNoInteractions(audit, rectifications);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionGoesTheRectificationPathAndIsAudited() throws Exception {
        when(directory.details(CONTACT)).thenReturn(Optional.of(details()));
        DsrRequest filed = new DsrRequest(5L, "DSR-2026-00401", RequestType.RECTIFICATION, RequestStatus.IN_PROGRESS,
                RequestChannel.STAFF, Language.FI, "aino@kemionsaari.example", "Aino Virtanen", null, CONTACT,
                WebSlice.NOW, LocalDate.of(2026, 4, 2), VerificationState.NOT_REQUIRED, null, null, null);
        when(rectifications.propose(anyLong(), any(), any(), anyString(), anyString()))
                .thenReturn(new StaffCorrectionProposals.Proposal(filed, new DecisionProblems(Map.of())));

        mvc.perform(correction("PHONE").with(csrf()))
                .andExpect(redirectedUrl("/staff/requests/DSR-2026-00401/rectification"));

        Map<Field, String> wanted = current();
        wanted.put(Field.NAME, "Aino Lindholm");
        verify(rectifications).propose(CONTACT, wanted, ReceivedVia.PHONE, "Married; phone call 2.3.", "sanna");
        verify(audit).recordForContact("sanna", AuditLog.Action.PROPOSE_CORRECTION, CONTACT, "DSR-2026-00401");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionOnKivaQsOwnInitiativeHasNoChannelAndItsProblemsAreShown() throws Exception {
        when(directory.details(CONTACT)).thenReturn(Optional.of(details()));
        when(rectifications.propose(anyLong(), any(), any(), anyString(), anyString())).thenReturn(
                new StaffCorrectionProposals.Proposal(null, new DecisionProblems(Map.of("value.NAME", "rectification.error.tooLong"))));

        mvc.perform(correction(RegisterViewController.OWN_INITIATIVE).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("problems", Map.of("value.NAME", "rectification.error.tooLong")));

        verify(rectifications).propose(eq(CONTACT), any(), isNull(), anyString(), eq("sanna"));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionWithoutHowItArrivedIsRefusedAsTypedWith400() throws Exception {
        when(directory.details(CONTACT)).thenReturn(Optional.of(details()));

        mvc.perform(correction("PIGEON").with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute("problems", Map.of("receivedVia", "staff.contacts.correction.viaRequired")))
                .andExpect(content().string(containsString("Aino Lindholm")));

        verifyNoInteractions(rectifications);
        verify(audit, never()).recordForContact(anyString(), eq(AuditLog.Action.PROPOSE_CORRECTION), anyLong(), any());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aCorrectionWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(correction("PHONE")).andExpect(status().isForbidden());
        verifyNoInteractions(directory, rectifications, audit);
    }

    @Test
    void withoutALoginTheRegisterIsClosed() throws Exception {
        mvc.perform(get("/staff/contacts").param("q", "virtanen"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/login"));
        verifyNoInteractions(directory, audit);
    }
}
