package fi.kivaq.dsr.staff;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.register.ContactDirectory;
import fi.kivaq.dsr.request.RequestList;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;
import fi.kivaq.dsr.support.SliceDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /staff} alone, and the staff login in front of every staff page: the engine's users and groups (a mocked
 * identity service) become our roles.
 */
@Tag("fast")
@WebMvcTest(StaffHomeController.class)
@Import({WebSlice.class, SliceDatabase.class, RequestList.class})
class StaffHomeControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identityService;
    @MockitoBean
    ResponseLetters letters;
    @MockitoBean
    ContactDirectory directory;
    @MockitoBean
    OpenTasks tasks;
    @MockitoBean
    AuditLog audit;

    /** A request row as the intake stores it; {@code minutesAgo} before the slice's clock. */
    private long request(String reference, RequestType type, RequestStatus status, RequestChannel channel,
                         String email, String name, Long contactId, int minutesAgo, LocalDate due) {
        jdbc.sql("""
                        insert into dsr_request (reference, type, status, channel, language, requester_email,
                            requester_email_normalised, requester_name, contact_id, received_at, due_date,
                            verification_state)
                        values (:reference, :type, :status, :channel, 'fi', :email, :email, :name, :contact, :at, :due,
                            'VERIFIED')""")
                .param("reference", reference).param("type", type.name()).param("status", status.name())
                .param("channel", channel.name()).param("email", email).param("name", name).param("contact", contactId)
                .param("at", WebSlice.NOW.minusSeconds(60L * minutesAgo).atOffset(ZoneOffset.UTC)).param("due", due)
                .update();
        return jdbc.sql("select id from dsr_request where reference = :r").param("r", reference).query(Long.class)
                .single();
    }

    private long request(String reference, int minutesAgo) {
        return request(reference, RequestType.ACCESS, RequestStatus.IN_PROGRESS, RequestChannel.WEB_FORM,
                reference.toLowerCase() + "@test.example", null, null, minutesAgo, TODAY.plusDays(20));
    }

    /** The references the page lists, in its order. */
    private List<String> listed(String html) {
        return Jsoup.parse(html).select("#requests tbody tr").eachAttr("data-reference");
    }

    private String page(String path, String... params) throws Exception {
        var get = get(path);
        for (int i = 0; i < params.length; i += 2) {
            get = get.param(params[i], params[i + 1]);
        }
        return mvc.perform(get).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    /** The slice's database lives as long as the context: each test starts from no requests. */
    @BeforeEach
    void noRequests() {
        jdbc.sql("delete from dsr_request").update();
        jdbc.sql("delete from contact").update();
        when(directory.search(org.mockito.ArgumentMatchers.anyString()))
                .thenReturn(new ContactDirectory.SearchResult(List.of(), false));
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
    void listsRequestsInWordsWithTheLettersEachWasSent() throws Exception {
        long withLetters = request("DSR-2026-00201", 10);
        long without = request("DSR-2026-00202", RequestType.UNSUBSCRIBE, RequestStatus.AWAITING_VERIFICATION,
                RequestChannel.ONE_CLICK, "x@test.example", null, null, 5, TODAY.plusDays(30));
        long receipt = 71;
        long answer = 72;
        // the letter module answers which letters went; this page shows them under their request
        when(letters.sentFor(List.of(without, withLetters))).thenReturn(Map.of(withLetters, List.of(
                new ResponseLetters.SentLetter(receipt, "RECEIPT"),
                new ResponseLetters.SentLetter(answer, "ACCESS_DATA"))));

        String html = page("/staff");

        assertThat(listed(html)).containsExactly("DSR-2026-00202", "DSR-2026-00201");
        assertThat(html).contains("/staff/requests/DSR-2026-00201/letters/" + answer);
        String text = Jsoup.parse(html).body().text();
        // staff phrasing, statuses, channels and letters as words; dates in Finnish, in Finnish time
        assertThat(text).contains("Uutiskirjeen lopetus", "Odottaa vahvistusta", "Uutiskirjeen lopetuslinkki",
                "Tarkastuspyyntö", "Käsittelyssä", "Verkkolomake", "Vastaanottokuittaus", "Rekisteriote", "2.3.2026 11.50")
                .doesNotContain("Lopettaa uutiskirjeen");
        assertThat(RAW_CODE.matcher(text).find()).as(text).isFalse();
    }

    static final java.util.regex.Pattern RAW_CODE = java.util.regex.Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b");

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void withNoRequestsThePageSaysSo() throws Exception {
        assertThat(page("/staff")).contains("id=\"no-requests\"");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void theNextPageContinuesWhereThePageEndedAndBackAgain() throws Exception {
        for (int i = 1; i <= 60; i++) {
            request("DSR-2026-%05d".formatted(300 + i), 1000 - i); // 360 is the newest
        }
        String first = page("/staff");
        assertThat(listed(first)).hasSize(StaffHomeController.PAGE_SIZE).startsWith("DSR-2026-00360", "DSR-2026-00359");
        assertThat(Jsoup.parse(first).select("#previous-page")).isEmpty();

        String next = Jsoup.parse(first).selectFirst("#next-page").attr("href");
        String second = mvc.perform(get(java.net.URI.create(next))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(listed(second)).hasSize(StaffHomeController.PAGE_SIZE).startsWith("DSR-2026-00335")
                .doesNotContainAnyElementsOf(listed(first));
        assertThat(Jsoup.parse(second).selectFirst("#page-number").text()).isEqualTo("Sivu 2");

        // a typed ?page=2 shows the same second page, and ?page=3 the rest
        assertThat(listed(page("/staff", "page", "2"))).isEqualTo(listed(second));
        String third = page("/staff", "page", "3");
        assertThat(listed(third)).hasSize(10).endsWith("DSR-2026-00301");
        assertThat(Jsoup.parse(third).select("#next-page")).isEmpty();

        String back = Jsoup.parse(third).selectFirst("#previous-page").attr("href");
        String secondAgain = mvc.perform(get(java.net.URI.create(back))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(listed(secondAgain)).isEqualTo(listed(second));
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void oldestFirstAndNearestDeadlineFirstPageToo() throws Exception {
        for (int i = 1; i <= 30; i++) {
            request("DSR-2026-%05d".formatted(400 + i), RequestType.ACCESS, RequestStatus.IN_PROGRESS,
                    RequestChannel.API, "o" + i + "@test.example", null, null, 100 - i, TODAY.plusDays(40 - i));
        }
        String oldest = page("/staff", "sort", "OLDEST");
        assertThat(listed(oldest)).startsWith("DSR-2026-00401", "DSR-2026-00402");
        String due = page("/staff", "sort", "DUE");
        assertThat(listed(due)).startsWith("DSR-2026-00430", "DSR-2026-00429");
        String dueNext = Jsoup.parse(due).selectFirst("#next-page").attr("href");
        assertThat(dueNext).contains("sort=DUE");
        assertThat(listed(mvc.perform(get(java.net.URI.create(dueNext))).andReturn().getResponse()
                .getContentAsString())).containsExactly("DSR-2026-00405", "DSR-2026-00404", "DSR-2026-00403",
                "DSR-2026-00402", "DSR-2026-00401");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void searchesByReferenceAddressNameAndTheRegistersContactsAuditingAllButTheReference() throws Exception {
        request("DSR-2026-00501", RequestType.ACCESS, RequestStatus.IN_PROGRESS, RequestChannel.WEB_FORM,
                "aino.virtanen@test.example", "Aino Virtanen", null, 10, TODAY.plusDays(20));
        request("DSR-2026-00502", RequestType.DELETION, RequestStatus.IN_PROGRESS, RequestChannel.WEB_FORM,
                "someone@test.example", null, null, 9, TODAY.plusDays(20));
        jdbc.sql("insert into contact (name, email, email_normalised, language, source, created_at) "
                        + "values ('Aino V', 'av@test.example', 'av@test.example', 'fi', 'EMAIL', current_timestamp)")
                .update();
        Long contactId = jdbc.sql("select max(id) from contact").query(Long.class).single();
        request("DSR-2026-00503", RequestType.RECTIFICATION, RequestStatus.IN_PROGRESS, RequestChannel.STAFF,
                "other@test.example", null, contactId, 8, TODAY.plusDays(20));
        when(directory.search("virtanen")).thenReturn(new ContactDirectory.SearchResult(List.of(
                new ContactDirectory.Match(contactId, "Aino Virtanen", "av@test.example", null, "fi", false)), false));

        assertThat(listed(page("/staff", "q", "dsr-2026-00502"))).containsExactly("DSR-2026-00502");
        verifyNoInteractions(audit);

        assertThat(listed(page("/staff", "q", " Aino.Virtanen@TEST.example "))).containsExactly("DSR-2026-00501");
        assertThat(listed(page("/staff", "q", "virtanen"))).containsExactly("DSR-2026-00503", "DSR-2026-00501");
        verify(audit).recordRequestSearch("sanna", 1);
        verify(audit).recordRequestSearch("sanna", 2);
        assertThat(listed(page("/staff", "q", "nobody%"))).isEmpty();
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void filtersByTypeStatusChannelDeadlineAndAssignee() throws Exception {
        request("DSR-2026-00601", RequestType.ACCESS, RequestStatus.IN_PROGRESS, RequestChannel.WEB_FORM,
                "a1@test.example", null, null, 10, TODAY.minusDays(3));
        request("DSR-2026-00602", RequestType.DELETION, RequestStatus.IN_PROGRESS, RequestChannel.API,
                "a2@test.example", null, null, 9, TODAY.plusDays(5));
        request("DSR-2026-00603", RequestType.UNSUBSCRIBE, RequestStatus.AWAITING_VERIFICATION, RequestChannel.WEB_FORM,
                "a3@test.example", null, null, 8, TODAY.minusDays(1));
        request("DSR-2026-00604", RequestType.ACCESS, RequestStatus.COMPLETED, RequestChannel.STAFF,
                "a4@test.example", null, null, 7, TODAY.minusDays(10));
        request("DSR-2026-00605", RequestType.RECTIFICATION, RequestStatus.IN_PROGRESS, RequestChannel.STAFF,
                "a5@test.example", null, null, 6, TODAY.plusDays(25));
        when(tasks.referencesAssignedTo("mikko")).thenReturn(java.util.Set.of("DSR-2026-00602", "DSR-2026-00605"));

        assertThat(listed(page("/staff", "type", "ACCESS"))).containsExactly("DSR-2026-00604", "DSR-2026-00601");
        assertThat(listed(page("/staff", "status", "AWAITING_VERIFICATION"))).containsExactly("DSR-2026-00603");
        assertThat(listed(page("/staff", "channel", "STAFF"))).containsExactly("DSR-2026-00605", "DSR-2026-00604");
        // an unconfirmed request is not late, an answered one neither
        assertThat(listed(page("/staff", "due", "OVERDUE"))).containsExactly("DSR-2026-00601");
        assertThat(listed(page("/staff", "due", "NEXT_7_DAYS"))).containsExactly("DSR-2026-00602");
        assertThat(listed(page("/staff", "due", "NEXT_30_DAYS"))).containsExactly("DSR-2026-00605", "DSR-2026-00602");
        assertThat(listed(page("/staff", "assignee", "mikko"))).containsExactly("DSR-2026-00605", "DSR-2026-00602");
        assertThat(listed(page("/staff", "assignee", "mikko", "type", "DELETION"))).containsExactly("DSR-2026-00602");
        assertThat(listed(page("/staff", "assignee", "nobody"))).isEmpty();
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void anUnknownFilterIsA400ThatSaysWhichInTheStaffMembersLanguage() throws Exception {
        String html = mvc.perform(get("/staff").param("type", "PIZZA").param("page", "x")
                        .header("Accept-Language", "sv-FI,sv;q=0.9"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(html).select("#problems p").eachText())
                .containsExactly("Okänd typ av begäran. Välj typ i listan.", "Sidnumret måste vara ett positivt heltal.");
    }

    @Test
    @WithMockUser(username = "maija", roles = "MANAGER")
    void aManagerHasALinkToTheDashboard() throws Exception {
        assertThat(Jsoup.parse(page("/staff")).select("#dashboard-link").attr("href")).isEqualTo("/staff/dashboard");
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void otherStaffHaveNoDashboardLink() throws Exception {
        assertThat(Jsoup.parse(page("/staff")).select("#dashboard-link")).isEmpty();
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void thePageSpeaksTheBrowsersLanguageUntilTheStaffMemberPicksAnother() throws Exception {
        request("DSR-2026-00701", 3);
        String swedish = mvc.perform(get("/staff").header("Accept-Language", "sv,en;q=0.8"))
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(swedish).select("h1").text()).isEqualTo("Begäranden");
        assertThat(Jsoup.parse(swedish).body().text()).contains("Begäran om tillgång", "Under behandling",
                "2 mars 2026 11:57");
        String german = mvc.perform(get("/staff").header("Accept-Language", "de-DE,en;q=0.5"))
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(german).select("h1").text()).isEqualTo("Requests");

        var picked = mvc.perform(get("/staff").param("lang", "en").header("Accept-Language", "sv"))
                .andReturn().getResponse();
        assertThat(Jsoup.parse(picked.getContentAsString()).body().text()).contains("Access request", "In progress",
                "Mar 2, 2026");
        assertThat(picked.getCookie("dsr-lang").getValue()).isEqualTo("en");
        String remembered = mvc.perform(get("/staff").cookie(picked.getCookie("dsr-lang"))
                        .header("Accept-Language", "sv")).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(remembered).select("h1").text()).isEqualTo("Requests");
    }

    @Test
    void withoutALoginTheLoginPageOpensInstead() throws Exception {
        mvc.perform(get("/staff")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        verifyNoInteractions(letters, tasks);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void anAdministratorMaySeeTheStaffPages() throws Exception {
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
