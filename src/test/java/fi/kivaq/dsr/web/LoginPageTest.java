package fi.kivaq.dsr.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.security.WebSlice;

/** The staff login is ours: our layout, in the browser's language or the one picked, with the CSRF token. */
@Tag("fast")
@WebMvcTest(LoginPage.class)
@Import(WebSlice.class)
class LoginPageTest {

    @Autowired
    MockMvc mvc;

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theLoginPageIsOursInTheBrowsersLanguage() throws Exception {
        String finnish = page("/login");
        assertThat(Jsoup.parse(finnish).select("h1").text()).isEqualTo("Henkilökunnan kirjautuminen");
        assertThat(finnish).doesNotContain("Please sign in");
        String english = mvc.perform(get("/login").param("error", "").header("Accept-Language", "en-GB"))
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(english).select("#login-failed").text()).isEqualTo("Wrong user name or password.");
        assertThat(Jsoup.parse(english).select("input[name=_csrf]")).hasSize(1);
    }

    @Test
    void theLoginPageSaysWhenTheStaffMemberHasLoggedOut() throws Exception {
        String swedish = mvc.perform(get("/login").param("logout", "").param("lang", "sv"))
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(swedish).select("#logged-out").text()).isEqualTo("Du har loggat ut.");
        assertThat(Jsoup.parse(swedish).select("h1").text()).isEqualTo("Inloggning för personal");
    }
}
