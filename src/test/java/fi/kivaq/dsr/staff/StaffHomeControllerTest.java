package fi.kivaq.dsr.staff;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;
import fi.kivaq.dsr.support.SliceDatabase;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /staff} alone, and the staff login in front of every staff page: the engine's users and groups (a mocked
 * identity service) become our roles.
 */
@Tag("fast")
@WebMvcTest(StaffHomeController.class)
@Import({WebSlice.class, SliceDatabase.class})
class StaffHomeControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identityService;
    @MockitoBean
    RequestRepository requests;
    @MockitoBean
    ResponseLetters letters;

    private static DsrRequest request(long id, String reference) {
        return new DsrRequest(id, reference, RequestType.ACCESS, RequestStatus.COMPLETED, RequestChannel.API,
                Language.FI, "aino@kemionsaari.example", null, null, null, WebSlice.NOW, LocalDate.of(2026, 4, 2),
                VerificationState.VERIFIED, null, null, null);
    }

    private void engineUser(String user, String password, String... groups) {
        when(identityService.checkPassword(user, password)).thenReturn(true);
        GroupQuery query = mock(GroupQuery.class, RETURNS_SELF);
        List<Group> memberships = java.util.Arrays.stream(groups).map(id -> {
            Group group = mock(Group.class);
            when(group.getId()).thenReturn(id);
            return group;
        }).toList();
        when(query.list()).thenReturn(memberships);
        when(identityService.createGroupQuery()).thenReturn(query);
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void listsTheLatestRequestsWithTheLettersEachWasSent() throws Exception {
        long withLetters = SliceDatabase.request(jdbc, "DSR-2026-00201");
        long without = SliceDatabase.request(jdbc, "DSR-2026-00202");
        long receipt = 71;
        long answer = 72;
        // the letter module answers which letters went; this page shows them under their request
        when(letters.sentFor(List.of(without, withLetters))).thenReturn(Map.of(withLetters, List.of(
                new ResponseLetters.SentLetter(receipt, "ACCESS_RECEIPT"),
                new ResponseLetters.SentLetter(answer, "ACCESS_ANSWER"))));
        when(requests.findLatest(50)).thenReturn(List.of(request(without, "DSR-2026-00202"),
                request(withLetters, "DSR-2026-00201")));

        mvc.perform(get("/staff"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("letters", Map.of(withLetters, List.of(
                        new ResponseLetters.SentLetter(receipt, "ACCESS_RECEIPT"),
                        new ResponseLetters.SentLetter(answer, "ACCESS_ANSWER")))))
                .andExpect(content().string(containsString("DSR-2026-00202")))
                .andExpect(content().string(containsString("/staff/requests/DSR-2026-00201/letters/" + answer)));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void withNoRequestsThePageStillOpens() throws Exception {
        when(requests.findLatest(50)).thenReturn(List.of());

        mvc.perform(get("/staff")).andExpect(status().isOk()).andExpect(model().attribute("letters", Map.of()));
    }

    @Test
    void withoutALoginTheLoginPageOpensInstead() throws Exception {
        mvc.perform(get("/staff")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
        verifyNoInteractions(requests);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void anAdministratorMaySeeTheStaffPages() throws Exception {
        when(requests.findLatest(50)).thenReturn(List.of());
        mvc.perform(get("/staff")).andExpect(status().isOk());
    }

    @Test
    void staffLogInWithTheirEngineUserAndGetTheirGroupsAsRoles() throws Exception {
        engineUser("mikko", "secret", StaffGroups.STAFF, StaffGroups.MANAGERS, "some-other-group");

        mvc.perform(formLogin().user("mikko").password("secret"))
                .andExpect(redirectedUrl("/staff"))
                .andExpect(authenticated().withUsername("mikko").withRoles("STAFF", "MANAGER"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        engineUser("mikko", "secret", StaffGroups.STAFF);

        mvc.perform(formLogin().user("mikko").password("guess"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
        engineUser("mikko", "secret", StaffGroups.STAFF);

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                        .param("username", "mikko").param("password", "secret"))
                .andExpect(status().isForbidden())
                .andExpect(unauthenticated());
    }
}
