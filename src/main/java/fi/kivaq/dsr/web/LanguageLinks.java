package fi.kivaq.dsr.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The language switch leads to the same page in the other language ({@code ${currentPath}}): a requester on the
 * confirmation, unsubscribe or acknowledgement page stays there instead of landing on the request form. Only the
 * path is kept (the page's link token is in it); error pages switch on the front page.
 */
@ControllerAdvice(annotations = Controller.class)
class LanguageLinks {

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty() || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/error")) {
            return "/";
        }
        return path;
    }
}
