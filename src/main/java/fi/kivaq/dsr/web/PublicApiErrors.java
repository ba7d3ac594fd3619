package fi.kivaq.dsr.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Whatever a client sends to the public API, the answer is a 4xx with a sentence in its language, never a 500. */
@RestControllerAdvice(basePackages = "fi.kivaq.dsr.request")
class PublicApiErrors {

    private final MessageSource messages;

    PublicApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (RequestSizeLimit.causedByOversize(e)) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "error.tooLarge", request);
        }
        return error(HttpStatus.BAD_REQUEST, "error.malformedJson", request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpServletRequest request) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.mediaType", request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpServletRequest request) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "error.method", request);
    }

    private ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .body(Map.of("message", messages.getMessage(code, null, PublicPages.language(request).locale())));
    }
}
