package fi.kivaq.dsr.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The task forms (served at {@value #PATH}/…) are staff pages that Camunda Tasklist fetches for the task it shows.
 * Its user has logged in to Tasklist (Camunda's own login, kept in the same HTTP session) and maybe not to our pages.
 * For these paths only, and for that one request, a Tasklist login of the default engine counts as the staff login:
 * the same engine user, with the roles its groups give it now (as {@link EngineIdentityAuthenticationProvider} gives
 * them at our login), so a user of no staff group still gets 403. Nothing is stored: the staff pages keep their own login.
 */
public final class TaskFormLogin extends OncePerRequestFilter {

    /** Where the tasklist module serves the task forms. */
    public static final String PATH = "/staff/task-forms";
    private static final String ENGINE = "default";

    private final IdentityService identityService;

    TaskFormLogin(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith(PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        org.springframework.security.core.Authentication current = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if ((current == null || !current.isAuthenticated()) && session != null) {
            Authentications tasklist = AuthenticationUtil.getAuthsFromSession(session);
            Authentication login = tasklist == null ? null : tasklist.getAuthenticationForProcessEngine(ENGINE);
            if (login instanceof UserAuthentication user && user.isAuthorizedForApp("tasklist")) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null,
                        EngineIdentityAuthenticationProvider.rolesOf(identityService, user.getName())));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
