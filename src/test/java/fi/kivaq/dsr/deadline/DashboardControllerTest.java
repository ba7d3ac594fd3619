package fi.kivaq.dsr.deadline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import fi.kivaq.dsr.retention.RetentionReviews;
import fi.kivaq.dsr.security.WebSlice;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The managers' dashboard and the deadline extension alone: managers only, CSRF, the use case's answer as status. */
@Tag("fast")
@WebMvcTest(DashboardController.class)
@Import(WebSlice.class)
class DashboardControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ManagerDashboard dashboard;
    @MockitoBean
    DeadlineExtension extension;
    @MockitoBean
    RetentionReviews retentionReviews;

    private static ManagerDashboard.View view(int page, int pages) {
        ManagerDashboard.Row row = new ManagerDashboard.Row("DSR-2026-00301", "ACCESS", "IN_PROGRESS",
                LocalDate.of(2026, 2, 2), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), false, 0, 0, false, true,
                true, "Review the access extract", null, "pi-1", false, 0);
        return new ManagerDashboard.View(LocalDate.of(2026, 3, 2), List.of(row), page, pages, 1,
                List.of(new RequestDeadlines.TypeStatusCount(RequestType.ACCESS, RequestStatus.IN_PROGRESS, 1)),
                List.of(new ManagerDashboard.Month(YearMonth.of(2026, 2), 4, 3)), 4, 3);
    }

    @Test
    @WithMockUser(username = "mikko", roles = {"STAFF", "MANAGER"})
    void aManagerSeesTheRequestedPage() throws Exception {
        when(dashboard.view(2)).thenReturn(view(2, 3));
        when(retentionReviews.dueCount()).thenReturn(7L);

        mvc.perform(get("/staff/dashboard").param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("DSR-2026-00301"), containsString("2 / 3"),
                        containsString("75 %"))))
                // what is due for a retention review: the count, linked to the review page
                .andExpect(content().string(containsString("<a href=\"/staff/retention\"><strong>7</strong></a>")));
        verify(dashboard).view(2);
    }

    @Test
    @WithMockUser(username = "mikko", roles = "MANAGER")
    void withoutAPageTheFirstIsShownAndAPageThatIsNotANumberIs400() throws Exception {
        when(dashboard.view(anyInt())).thenReturn(view(1, 1));

        mvc.perform(get("/staff/dashboard")).andExpect(status().isOk());
        verify(dashboard).view(1);
        mvc.perform(get("/staff/dashboard").param("page", "two")).andExpect(status().isBadRequest());
    }

    @Test
    @WithMockUser(username = "sanna", roles = "STAFF")
    void staffWhoAreNotManagersAreForbiddenBothPages() throws Exception {
        mvc.perform(get("/staff/dashboard")).andExpect(status().isForbidden());
        mvc.perform(post("/staff/requests/DSR-2026-00301/extension").param("reason", "complex").with(csrf()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(dashboard, extension);
    }

    @Test
    void withoutALoginTheDashboardRedirectsToTheLoginPage() throws Exception {
        mvc.perform(get("/staff/dashboard"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        verifyNoInteractions(dashboard);
    }

    @Test
    @WithMockUser(username = "mikko", roles = "MANAGER")
    void anExtensionIsMadeInTheManagersNameWithTheirReason() throws Exception {
        when(extension.extend(any(), any(), any()))
                .thenReturn(new DeadlineExtension.Result("DSR-2026-00301", LocalDate.of(2026, 6, 2), null));

        mvc.perform(post("/staff/requests/DSR-2026-00301/extension").param("reason", "Many registers").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2.6.2026")));

        verify(extension).extend("DSR-2026-00301", "Many registers", "mikko");
    }

    @Test
    @WithMockUser(username = "mikko", roles = "MANAGER")
    void anUnknownRequestIs404AndARefusedExtension409() throws Exception {
        when(extension.extend(any(), any(), any()))
                .thenReturn(new DeadlineExtension.Result("DSR-2026-09999", null, DeadlineExtension.Refusal.NOT_FOUND));
        mvc.perform(post("/staff/requests/DSR-2026-09999/extension").param("reason", "x").with(csrf()))
                .andExpect(status().isNotFound());

        when(extension.extend(any(), any(), any())).thenReturn(
                new DeadlineExtension.Result("DSR-2026-00301", null, DeadlineExtension.Refusal.ALREADY_EXTENDED));
        mvc.perform(post("/staff/requests/DSR-2026-00301/extension").param("reason", "x").with(csrf()))
                .andExpect(status().isConflict());
    }

    @Test
    @WithMockUser(username = "mikko", roles = "MANAGER")
    void withoutAReasonTheUseCaseGetsAnEmptyOneToRefuse() throws Exception {
        when(extension.extend(any(), any(), any())).thenReturn(
                new DeadlineExtension.Result("DSR-2026-00301", null, DeadlineExtension.Refusal.REASON_MISSING));

        mvc.perform(post("/staff/requests/DSR-2026-00301/extension").with(csrf())).andExpect(status().isConflict());
        verify(extension).extend("DSR-2026-00301", "", "mikko");
    }

    @Test
    @WithMockUser(username = "mikko", roles = "MANAGER")
    void anExtensionWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/staff/requests/DSR-2026-00301/extension").param("reason", "Many registers"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(extension);
    }
}
