package fi.kivaq.dsr.web;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.shared.DatabaseFailures;

/**
 * A request that fails because the database (or another dependency) is unreachable gets a 503 with
 * {@code Retry-After}, in the requester's language, and is logged at ERROR: nothing was recorded, and the client must
 * know it. Without this, an I/O failure of the JDBC socket ("Broken pipe", {@code EOFException}) is taken by Spring's
 * {@code DisconnectedClientHelper} for a client that hung up, and the client gets an empty 200 although nothing
 * happened (a mail provider's RFC 8058 one-click POST would then count the unsubscribe as done).
 * <p>
 * Runs before every other resolver, and declines (returns {@code null}) for anything that is not such an outage.
 */
@Component
class DependencyOutages implements HandlerExceptionResolver, Ordered {

    /** Seconds after which a client may try again; a database restart or fail-over usually takes less. */
    static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(DependencyOutages.class);

    private final MessageSource messages;
    private final ObjectMapper json;

    DependencyOutages(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after DefaultErrorAttributes, which only records the exception
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!isOutage(ex) || response.isCommitted()) {
            return null;
        }
        log.error("{} {} failed: a dependency is unreachable; answered 503", request.getMethod(),
                request.getRequestURI(), ex);
        var locale = PublicPages.language(request).locale();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        if (wantsJson(request)) {
            try {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getWriter(),
                        Map.of("message", messages.getMessage("error.unavailable.text", null, locale)));
            } catch (IOException e) {
                log.debug("could not write the 503 body", e);
            }
            return new ModelAndView(); // handled, body written
        }
        return new ModelAndView("web/unavailable");
    }

    /**
     * An exception caused by a database that cannot be reached or a connection that broke: Spring's translation of
     * it (resource failure, transient or recoverable access, no transaction could begin) or, for exceptions that do
     * not translate (the engine's), a JDBC exception of SQL state class 08 (connection exception) or a socket error
     * below it.
     */
    static boolean isOutage(Throwable ex) {
        if (ex instanceof TransactionException || DatabaseFailures.isConnectionFailure(ex)) {
            return true;
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SocketException
                    || cause instanceof EOFException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getRequestURI().startsWith("/api/")
                || (accept != null && accept.contains("json") && !accept.contains("html"));
    }
}
