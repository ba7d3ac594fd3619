package fi.kivaq.dsr.staff;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.register.ContactDirectory;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.WebSlice;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The staff's register view alone: search limits, 404, audit of every search and view, the features' links. */
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
    ContactPageLink featureLink;
    @MockitoBean
    ContactRegister register;
    @MockitoBean
    RequestRepository requests;

    private static ContactDirectory.ContactDetails details() {
        return new ContactDirectory.ContactDetails(new ContactDirectory.Contact(CONTACT, "Aino Virtanen",
                "aino@kemionsaari.example", "Rehtori", "Kemiönsaaren koulu", "fi", "ORDER_FORM", CREATED, CREATED),
                true, List.of(), List.of(), List.of(), List.of());
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
    void aContactIsShownWithTheFeaturesLinksAndItsViewAudited() throws Exception {
        when(directory.details(CONTACT)).thenReturn(Optional.of(details()));
        when(featureLink.label()).thenReturn("staff.contacts.correction");
        when(featureLink.path(CONTACT)).thenReturn("/staff/contacts/17/feature");

        mvc.perform(get("/staff/contacts/{id}", CONTACT))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Kemiönsaaren koulu")))
                .andExpect(content().string(containsString("href=\"/staff/contacts/17/feature\"")))
                .andExpect(content().string(containsString("Ehdota korjausta")));

        verify(audit).recordForContact("sanna", AuditLog.Action.VIEW_CONTACT, CONTACT, null);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void anUnknownContactIs404AndNothingIsAudited() throws Exception {
        when(directory.details(anyLong())).thenReturn(Optional.empty());

        mvc.perform(get("/staff/contacts/{id}", 999)).andExpect(status().isNotFound());
        verifyNoInteractions(audit, featureLink);
    }

    @Test
    void withoutALoginTheRegisterIsClosed() throws Exception {
        mvc.perform(get("/staff/contacts").param("q", "virtanen"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        verifyNoInteractions(directory, audit);
    }
}
