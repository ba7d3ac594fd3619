package fi.kivaq.dsr.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import fi.kivaq.dsr.shared.NotFoundException;

/**
 * Every page's "does not exist": a 404 with the exception's message, instead of the generic error page's 500; on a
 * staff page in the staff layout.
 */
@ControllerAdvice(annotations = Controller.class)
class NotFoundPage {

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("message", e.getMessage());
        if (StaffPages.isStaffPage(request)) {
            model.addAttribute("status", HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("kind", "notFound");
            return "web/staff/error";
        }
        return "web/not-found";
    }
}
