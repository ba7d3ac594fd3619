package fi.kivaq.dsr.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import fi.kivaq.dsr.shared.Language;

/**
 * In front of every way to log in: our login form, HTTP Basic (our pages, {@code /engine-rest}) and the login of
 * Camunda's webapps. An account or client address that {@link LoginThrottle} refuses gets {@code 429} with
 * {@code Retry-After} before its password is even checked; otherwise the outcome of the login is counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

    private final LoginThrottle throttle;
    private final MessageSource messages;

    LoginThrottleFilter(LoginThrottle throttle, MessageSource messages) {
        this.throttle = throttle;
        this.messages = messages;
    }

    private enum Attempt { BASIC, FORM, WEBAPP }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Attempt attempt = null;
        String account = null;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            attempt = Attempt.BASIC;
            account = basicUser(authorization.substring(6).strip());
        } else if ("POST".equals(request.getMethod()) && "/login".equals(path)) {
            attempt = Attempt.FORM;
            account = request.getParameter("username");
        } else if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches()) {
            attempt = Attempt.WEBAPP;
            account = request.getParameter("username");
        }
        if (attempt == null) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        Optional<Duration> refused = throttle.refusal(account, client);
        if (refused.isPresent()) {
            refuse(request, response, refused.get());
            return;
        }
        chain.doFilter(request, response);
        if (failed(attempt, response)) {
            throttle.failed(account, client);
        } else if (response.getStatus() < 400) {
            throttle.succeeded(account);
        }
    }

    private static boolean failed(Attempt attempt, HttpServletResponse response) {
        return switch (attempt) {
            case BASIC, WEBAPP -> response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
            case FORM -> {
                String location = response.getHeader(HttpHeaders.LOCATION);
                yield location != null && location.contains("/login?error");
            }
        };
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Duration left) throws IOException {
        long seconds = Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        long minutes = Math.max(1, (seconds + 59) / 60);
        Language language = Language.of(request.getLocale());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(messages.getMessage("error.login.throttled", new Object[] {minutes}, language.locale()));
    }

    private static String basicUser(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
