package fi.kivaq.dsr.unsubscribe;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.Language;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The newsletter's one-click link alone: GET only shows the button, POST unsubscribes (RFC 8058, no CSRF token). */
@Tag("fast")
@WebMvcTest(OneClickUnsubscribeController.class)
@Import(WebSlice.class)
class OneClickUnsubscribeControllerTest {

    private static final String TOKEN = "tk_0123456789abcdef";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    NewsletterUnsubscribe unsubscribe;
    @MockitoBean
    NewsletterLinks links;
    @MockitoBean
    ContactRegister register;

    @Test
    void openingTheLinkShowsTheButtonInTheSubscribersLanguageAndStopsNothing() throws Exception {
        when(links.contactFor(TOKEN)).thenReturn(Optional.of(17L));
        when(register.languageOf(17L)).thenReturn(Optional.of("sv"));

        mvc.perform(get("/unsubscribe/{token}", TOKEN))
                .andExpect(status().isOk())
                .andExpect(view().name("web/unsubscribe"))
                .andExpect(content().string(containsString("lang=\"sv\"")))
                .andExpect(cookie().value("dsr-lang", "sv"));

        verifyNoInteractions(unsubscribe);
    }

    @Test
    void aSubscriberWithoutALanguageGetsFinnish() throws Exception {
        when(links.contactFor(TOKEN)).thenReturn(Optional.of(17L));
        when(register.languageOf(17L)).thenReturn(Optional.empty());

        mvc.perform(get("/unsubscribe/{token}", TOKEN).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"fi\"")));
    }

    @Test
    void anUnknownLinkIs404() throws Exception {
        when(links.contactFor(any())).thenReturn(Optional.empty());
        when(unsubscribe.unsubscribeByLink(any())).thenReturn(Optional.empty());

        mvc.perform(get("/unsubscribe/{token}", "nope")).andExpect(status().isNotFound())
                .andExpect(view().name("web/link-invalid"));
        mvc.perform(post("/unsubscribe/{token}", "nope")).andExpect(status().isNotFound())
                .andExpect(view().name("web/link-invalid"));
    }

    @Test
    void aMailProgramsOneClickPostStopsTheNewsletterWithoutACsrfToken() throws Exception {
        when(unsubscribe.unsubscribeByLink(TOKEN)).thenReturn(Optional.of(Language.EN));

        mvc.perform(post("/unsubscribe/{token}", TOKEN).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk())
                .andExpect(view().name("web/unsubscribe-done"))
                .andExpect(content().string(containsString("lang=\"en\"")));

        verify(unsubscribe).unsubscribeByLink(TOKEN);
    }

    @Test
    void aPostOverThirtyTwoKibibytesIsRefusedBeforeAnythingHappens() throws Exception {
        mvc.perform(post("/unsubscribe/{token}", TOKEN).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click&x=" + "y".repeat(33 * 1024)))
                .andExpect(status().isPayloadTooLarge());

        verify(unsubscribe, never()).unsubscribeByLink(any());
    }
}
