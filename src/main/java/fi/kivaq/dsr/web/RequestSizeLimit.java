package fi.kivaq.dsr.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Public POST bodies are small (a form of five fields), and so is every form of the staff pages (a note has at most
 * 4,000 characters): anything over 32 KiB is refused with 413 before it is read, and a body without a declared
 * length is cut off at the same size.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    static final int MAX_BODY = 32 * 1024;

    private final MessageSource messages;

    RequestSizeLimit(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // a staff form (a note, a refusal reason) too: over Tomcat's form limit its fields, the CSRF token among
        // them, would silently be dropped and the answer be a puzzling 403
        boolean form = request.getContentType() != null
                && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !path.startsWith("/camunda/") && !path.startsWith("/engine-rest/");
        return !"POST".equals(request.getMethod())
                || !(form || path.equals("/api/requests") || path.equals("/request") || path.startsWith("/verify/")
                || path.startsWith("/unsubscribe/") || path.startsWith("/acknowledge/")
                || path.startsWith("/confirm-address/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("Connection", "close");
            response.getOutputStream().write(messages.getMessage("error.tooLarge", null,
                    PublicPages.language(request).locale()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new LimitedRequest(request), response);
    }

    static boolean causedByOversize(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > MAX_BODY) {
                        throw new BodyTooLargeException();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > MAX_BODY) {
                        throw new BodyTooLargeException();
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
