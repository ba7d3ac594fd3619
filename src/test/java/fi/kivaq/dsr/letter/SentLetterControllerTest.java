package fi.kivaq.dsr.letter;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.support.SliceDatabase;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /staff/requests/{reference}/letters/{id}} alone: the stored file byte for byte, to staff only. */
@Tag("fast")
@WebMvcTest(SentLetterController.class)
@Import({WebSlice.class, SliceDatabase.class, RequestRepository.class})
class SentLetterControllerTest {

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '7', 0, (byte) 0xFF};

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void staffGetTheStoredLetterByteForByteInline() throws Exception {
        long letter = SliceDatabase.letter(jdbc, SliceDatabase.request(jdbc, "DSR-2026-00101"), "ACCESS_ANSWER",
                "KivaQ-DSR-2026-00101.pdf", PDF);

        mvc.perform(get("/staff/requests/DSR-2026-00101/letters/{id}", letter))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string("Content-Disposition", "inline; filename=\"KivaQ-DSR-2026-00101.pdf\""))
                .andExpect(content().bytes(PDF));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aLetterOfAnotherRequestOrNoneIs404() throws Exception {
        long letter = SliceDatabase.letter(jdbc, SliceDatabase.request(jdbc, "DSR-2026-00102"), "ACCESS_ANSWER",
                "KivaQ-DSR-2026-00102.pdf", PDF);
        SliceDatabase.request(jdbc, "DSR-2026-00103");

        mvc.perform(get("/staff/requests/DSR-2026-00103/letters/{id}", letter)).andExpect(status().isNotFound());
        mvc.perform(get("/staff/requests/DSR-2026-00102/letters/{id}", letter + 1000)).andExpect(status().isNotFound());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void aLetterIdThatIsNotANumberIs400() throws Exception {
        mvc.perform(get("/staff/requests/DSR-2026-00102/letters/first")).andExpect(status().isBadRequest());
    }

    @Test
    void withoutALoginTheLetterIsNotServed() throws Exception {
        long letter = SliceDatabase.letter(jdbc, SliceDatabase.request(jdbc, "DSR-2026-00104"), "ACCESS_ANSWER",
                "KivaQ-DSR-2026-00104.pdf", PDF);

        mvc.perform(get("/staff/requests/DSR-2026-00104/letters/{id}", letter))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        // a machine with wrong credentials gets a challenge, not the login page
        mvc.perform(get("/staff/requests/DSR-2026-00104/letters/{id}", letter)
                        .header("Authorization", "Basic bm9ib2R5Ondyb25n"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"KivaQ DSR\""));
    }
}
