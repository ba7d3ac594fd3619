package fi.kivaq.dsr.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security builds some redirects (the page a login returns to) as absolute URLs from the request's host, i.e.
 * from the {@code Host} header any client may set ({@code Host: evil.example} came back in {@code Location}). Every
 * absolute redirect to the request's own host is made relative here (path and query), so the browser stays on the
 * address it used, whatever the {@code Host} header said; relative redirects stay relative
 * ({@code server.tomcat.use-relative-redirects}); redirects to other sites are not ours to change.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class RelativeRedirects extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                super.sendRedirect(rebuilt(request, location));
            }
        });
    }

    private String rebuilt(HttpServletRequest request, String location) {
        try {
            URI uri = new URI(location);
            if (!uri.isAbsolute() || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(request.getServerName())) {
                return location;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return location;
        }
    }
}
