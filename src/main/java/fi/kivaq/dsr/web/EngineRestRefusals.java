package fi.kivaq.dsr.web;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.TaskCompletionRefused;

/**
 * {@code /engine-rest} answers every engine exception of a task completion with 500, including the refusal of one
 * of our task listeners (wrapped by the engine). Such a refusal is the caller's mistake, e.g. a decision that is
 * none of its values: answer it with 400 and the listener's own message, in Camunda's error shape. Every other
 * exception keeps Camunda's answer (this mapper declines it and Camunda's own takes it).
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(RefusalMapper.class);
    }

    /** Ranked before Camunda's mapper of the same exception type, which takes whatever this one declines. */
    @Priority(Priorities.USER - 100)
    static final class RefusalMapper implements ExtendedExceptionMapper<RestException> {

        @Override
        public boolean isMappable(RestException exception) {
            return refusal(exception) != null;
        }

        @Override
        public Response toResponse(RestException exception) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("type", TaskCompletionRefused.class.getSimpleName(),
                            "message", refusal(exception).getMessage()))
                    .build();
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
}
