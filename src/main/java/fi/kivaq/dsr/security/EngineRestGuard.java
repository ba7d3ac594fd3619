package fi.kivaq.dsr.security;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import fi.kivaq.dsr.audit.AuditLog;

/**
 * Behind Camunda's own authentication of {@code /engine-rest}: anything but a read is for administrators
 * ({@code camunda-admin}), except queries sent as POST and the work on a task (claim, complete, submit its form),
 * which the engine's task authorizations then allow only for the task's candidate group. Every call that is not a
 * read is written to the audit log with who made it, the path (ids, never the body) and the answer's status. The
 * engine's authorizations forbid the same on their own; this keeps a wrong grant from opening a way round intake.
 */
class EngineRestGuard extends OncePerRequestFilter {

    private static final List<String> READ_METHODS = List.of("GET", "HEAD", "OPTIONS");
    /** Queries that Camunda's REST API takes as POST bodies: they read. */
    private static final Pattern QUERY = Pattern.compile(
            "/(task|process-instance|execution|variable-instance|incident|job|external-task|case-instance|"
                    + "history/[a-z-]+|filter/[^/]+/(list|count|singleResult))(/count)?/?");
    /** A candidate's work on a task. */
    private static final Pattern TASK_WORK = Pattern.compile("/task/[^/]+/(claim|unclaim|complete|submit-form|resolve)/?");

    private final IdentityService identityService;
    private final AuditLog audit;

    EngineRestGuard(IdentityService identityService, AuditLog audit) {
        this.identityService = identityService;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String below = path.startsWith("/engine-rest") ? path.substring("/engine-rest".length()) : path;
        below = below.replaceFirst("^/engine/[^/]+", "");
        if (READ_METHODS.contains(request.getMethod()) || QUERY.matcher(below).matches()) {
            chain.doFilter(request, response);
            return;
        }
        Authentication user = identityService.getCurrentAuthentication();
        String actor = user == null ? "anonymous" : user.getUserId();
        boolean admin = user != null && user.getGroupIds() != null && user.getGroupIds().contains(StaffGroups.CAMUNDA_ADMIN);
        if (!admin && !TASK_WORK.matcher(below).matches()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":"
                    + "\"Only an administrator may change processes, instances or variables; requests start through the intake.\"}");
            audit.recordEngine(actor, AuditLog.Action.ENGINE_REST_WRITE, null,
                    request.getMethod() + " " + path + " -> 403 (refused)");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            audit.recordEngine(actor, AuditLog.Action.ENGINE_REST_WRITE, null,
                    request.getMethod() + " " + path + " -> " + response.getStatus());
        }
    }
}
