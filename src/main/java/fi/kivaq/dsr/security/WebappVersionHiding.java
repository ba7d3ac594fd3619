package fi.kivaq.dsr.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's webapps show anyone, before a login, which engine version runs (the welcome page's footer, and the
 * {@code ?bust=7.x.y} of every script on every login page): an attacker's first look-up in a list of known
 * vulnerabilities. Their HTML pages go out with the version replaced by an opaque token of the same purpose (it
 * still changes with the version, so browsers still fetch new scripts after an upgrade) and the footer's version
 * left empty.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class WebappVersionHiding extends OncePerRequestFilter {

    private final String version = ProductPropertiesUtil.getProductVersion();
    private final String token = token(version);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return version == null || version.isBlank() || !"GET".equals(request.getMethod())
                || !path.startsWith("/camunda/") || path.startsWith("/camunda/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        String type = wrapper.getContentType();
        if (type != null && type.startsWith("text/html")) {
            String html = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
            String hidden = html.replace("version=\"v" + version + "\"", "version=\"\"").replace(version, token);
            wrapper.resetBuffer();
            wrapper.getOutputStream().write(hidden.getBytes(StandardCharsets.UTF_8));
        }
        wrapper.copyBodyToResponse();
    }

    private static String token(String version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("kivaq-webapps:" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
