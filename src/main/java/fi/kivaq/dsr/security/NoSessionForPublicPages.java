package fi.kivaq.dsr.security;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public pages (form, links) post to endpoints that need no CSRF token (they act on a secret in the path or on
 * anonymous input), yet rendering a form would ask Spring Security for a token and so create a session and a
 * cookie for every visitor. Behind Spring Security's chain, this takes the token away from those pages: no session,
 * no cookie, nothing to track an anonymous visitor by.
 */
@Component
@Order(0)
class NoSessionForPublicPages extends OncePerRequestFilter {

    private static final Pattern PUBLIC = Pattern.compile(
            "/|/request|/(verify|unsubscribe|acknowledge|confirm-address)/[^/]+|/error");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PUBLIC.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()
                || request.getSession(false) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.removeAttribute(CsrfToken.class.getName());
        request.removeAttribute("_csrf");
        chain.doFilter(request, response);
    }
}
