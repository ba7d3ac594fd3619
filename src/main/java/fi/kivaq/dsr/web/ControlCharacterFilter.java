package fi.kivaq.dsr.web;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.shared.Language;

/**
 * Refuses, with a 400 in the requester's language, any form or query field that holds a NUL or another control
 * character (line breaks and tabs aside). PostgreSQL cannot store NUL in text (the insert failed with a 500), H2
 * stored it in an address no mail could ever reach, and no person types such characters: they only come from
 * tampering. JSON bodies are checked field by field by their validators; Camunda's own REST API is not ours to filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ControlCharacterFilter extends OncePerRequestFilter {

    /** C0 and C1 controls except tab, line feed and carriage return, and lone surrogates. */
    static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cs}&&[^\\t\\n\\r]]");

    private final MessageSource messages;
    private final ObjectMapper json;

    ControlCharacterFilter(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/engine-rest/") || request.getRequestURI().startsWith("/camunda/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String field = forbiddenField(request);
        if (field == null) {
            chain.doFilter(request, response);
            return;
        }
        Language language = Language.fromCode(request.getParameter("lang")).orElseGet(() -> PublicPages.language(request));
        String message = messages.getMessage("error.controlCharacters", null, language.locale());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getWriter(), Map.of("message", message, "errors", Map.of(field, message)));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + language.code() + "\"><head><meta charset=\"utf-8\">"
                    + "<title>400</title></head><body><main><h1>" + HtmlUtils.htmlEscape(message)
                    + "</h1><p><a href=\"/\">KivaQ</a></p></main></body></html>");
        }
    }

    /** The name of the first field whose value (or the field's name itself) holds a forbidden character. */
    private static String forbiddenField(HttpServletRequest request) {
        try {
            for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
                if (FORBIDDEN.matcher(field.getKey()).find()) {
                    return "field";
                }
                for (String value : field.getValue()) {
                    if (value != null && FORBIDDEN.matcher(value).find()) {
                        return field.getKey();
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // an unreadable body is for the handler to refuse with its own message
        }
        return null;
    }
}
