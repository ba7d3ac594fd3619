package fi.kivaq.dsr.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * {@code /engine-rest} answers every engine exception of a task completion with 500, including the refusal of one
 * of our task listeners (wrapped by the engine). Such a refusal is the caller's mistake, e.g. a decision that is
 * none of its values: answer it with 400 and the listener's own sentence, in Camunda's error shape. Every other
 * exception keeps Camunda's answer (this mapper declines it and Camunda's own takes it).
 *
 * <p>The sentence is in the staff member's language, as on the staff pages and in the task forms: the language chosen
 * there (cookie {@code dsr-lang}, which Tasklist's requests carry), else the first of ours in {@code Accept-Language},
 * else English (a script calling {@code /engine-rest} gets the English sentence it always got).
 *
 * <p>Tasklist does not use {@code /engine-rest}: it submits forms through the webapps' own copy of the REST API
 * ({@code /camunda/api/engine}), which showed staff "Cannot submit task form …: ENGINE-03051 …" and logged a 500.
 * The mapper therefore reaches every Jersey application by Jersey's auto-discovery
 * ({@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable}), so staff read the listener's
 * sentence wherever they complete a task. The engine's own ERROR log of such a command ("ENGINE-16004 Exception
 * while closing command context") is dropped for refusals; they are logged once, at INFO, here.
 */
@Component
class EngineRestRefusals {

    private static final Logger log = LoggerFactory.getLogger(EngineRestRefusals.class);
    private static final String ENGINE_COMMAND_LOGGER = "org.camunda.bpm.engine.context";

    /** Registers the mapper with every Jersey application that starts in this JVM. */
    public static final class Discovery implements AutoDiscoverable {

        @Override
        public void configure(FeatureContext context) {
            if (!context.getConfiguration().isRegistered(RefusalMapper.class)) {
                context.register(RefusalMapper.class);
            }
        }
    }

    @PostConstruct
    void quietenRefusalsInTheEngineLog() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.addTurboFilter(new TurboFilter() {
                @Override
                public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level,
                                          String format, Object[] params, Throwable t) {
                    Throwable thrown = t;
                    if (thrown == null && params != null && params.length > 0
                            && params[params.length - 1] instanceof Throwable last) {
                        thrown = last;
                    }
                    return logger.getName().startsWith(ENGINE_COMMAND_LOGGER) && refusal(thrown) != null
                            ? FilterReply.DENY : FilterReply.NEUTRAL;
                }
            });
        }
    }

    /** Ranked before Camunda's mapper of the same exception type, which takes whatever this one declines. */
    @Priority(Priorities.USER - 100)
    public static final class RefusalMapper implements ExtendedExceptionMapper<RestException> {

        @Context
        private HttpHeaders headers;

        @Override
        public boolean isMappable(RestException exception) {
            return refusal(exception) != null;
        }

        @Override
        public Response toResponse(RestException exception) {
            TaskCompletionRefused refused = refusal(exception);
            log.info("Task completion refused: {}", refused.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("type", TaskCompletionRefused.class.getSimpleName(),
                            "message", refused.sentence(readersLanguage(headers))))
                    .build();
        }
    }

    /** The {@code dsr-lang} cookie's language, else the first of ours the request accepts, else English. */
    static Language readersLanguage(HttpHeaders headers) {
        if (headers == null) {
            return Language.EN;
        }
        Cookie chosen = headers.getCookies().get("dsr-lang");
        Optional<Language> language = chosen == null ? Optional.empty()
                : Language.fromCode(chosen.getValue().split("[-_]")[0]);
        if (language.isEmpty()) {
            try {
                language = headers.getAcceptableLanguages().stream().map(Locale::getLanguage)
                        .map(Language::fromCode).flatMap(Optional::stream).findFirst();
            } catch (RuntimeException unreadableHeader) {
                // a malformed Accept-Language names no language of ours
            }
        }
        return language.orElse(Language.EN);
    }

    private static TaskCompletionRefused refusal(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TaskCompletionRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
