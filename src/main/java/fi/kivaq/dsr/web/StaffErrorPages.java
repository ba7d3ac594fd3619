package fi.kivaq.dsr.web;

import java.util.Map;

import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A staff page's error (403, 404, 500…) keeps the staff layout and language, with a way back to the request list;
 * every other page's error stays the requesters' {@code templates/error.html}.
 */
@Component
class StaffErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (!StaffPages.isStaffPage(request)) {
            return null;
        }
        return new ModelAndView("web/staff/error", Map.of("status", status.value(), "kind", kind(status)), status);
    }

    /** Which message the page gives: one for "not allowed", one for "not there", one for everything else. */
    static String kind(HttpStatus status) {
        return switch (status) {
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "notFound";
            case BAD_REQUEST -> "badRequest";
            default -> "failed";
        };
    }
}
