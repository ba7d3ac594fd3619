package fi.kivaq.dsr.web;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import fi.kivaq.dsr.shared.Language;

/**
 * What the staff layout ({@code templates/web/staff/layout.html}) asks of the login on every staff page, error pages
 * included: {@code ${staff.name()}}, {@code ${staff.manager()}} (the dashboard link). Also which paths are staff
 * pages, for their language and their error pages.
 */
public final class StaffPages {

    /** The signed-in person's user name, or null. */
    public String name() {
        Authentication login = login();
        return login == null ? null : login.getName();
    }

    /** Whether the signed-in person is a manager (the deadline dashboard is theirs). */
    public boolean manager() {
        Authentication login = login();
        return login != null && login.getAuthorities().stream().anyMatch(a -> "ROLE_MANAGER".equals(a.getAuthority()));
    }

    private static Authentication login() {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        return login == null || login instanceof AnonymousAuthenticationToken || !login.isAuthenticated() ? null : login;
    }

    /** The request is for a staff page or the staff login (also when it is the error page of one). */
    static boolean isStaffPage(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String original ? original : request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return path.equals("/staff") || path.startsWith("/staff/") || path.equals("/login");
    }

    /** The first of the browser's languages that is one of ours ({@code Accept-Language}), else Finnish. */
    static Locale browserLanguage(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Language.DEFAULT.locale();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .map(range -> Language.fromCode(range.getRange().split("-")[0]))
                    .flatMap(java.util.Optional::stream).findFirst().orElse(Language.DEFAULT).locale();
        } catch (IllegalArgumentException e) {
            return Language.DEFAULT.locale();
        }
    }
}
