package fi.kivaq.dsr.security;

import java.util.LinkedHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.shared.DsrProperties;

/**
 * Who may reach what. Public: the request form and API, the newsletter sign-up (page, API, confirmation link) and
 * the audience API (its own key), the verification, one-click and subcontractor
 * confirmation links, static assets.
 * Staff pages need a staff login; {@code /engine-rest} needs HTTP Basic against the engine's users (checked by
 * Camunda's own filter, so engine authorizations apply per user); Camunda's web applications at {@code /camunda}
 * have their own login against the same users. Everything else is closed.
 */
@Configuration
class SecurityConfig {

    /** The REST API authenticates every call itself; no sessions, no cookies, so no CSRF. */
    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/engine-rest/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Camunda's webapps: their own login against the engine's identity service, their own CSRF protection. */
    @Bean
    @Order(2)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain application(HttpSecurity http, EngineIdentityAuthenticationProvider provider,
                                    DsrProperties properties, IdentityService identityService) throws Exception {
        AuthenticationEntryPoint entryPoint = loginOrBasicChallenge(properties);
        return http
                .authenticationProvider(provider)
                // Tasklist fetches the task forms with its own login (TaskFormLogin)
                .addFilterBefore(new TaskFormLogin(identityService), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/request", "/api/requests", "/verify/*", "/unsubscribe/*", "/acknowledge/*",
                                "/confirm-address/*", "/status/*", "/status/*/letters/*", "/newsletter", "/newsletter/confirm/*",
                                "/api/newsletter/subscriptions",
                                // the audience export checks its own API key (NewsletterAudienceApi)
                                "/api/newsletter/audience",
                                "/css/**", "/favicon.ico", "/error", "/login").permitAll()
                        // deadlines: the dashboard and the extension are for managers only
                        .requestMatchers("/staff/dashboard", "/staff/requests/*/extension").hasRole("MANAGER")
                        .requestMatchers("/staff/newsletter", "/staff/newsletter/**").hasRole("NEWSLETTER")
                        .requestMatchers("/staff/**").hasAnyRole("STAFF", "MANAGER", "ADMIN")
                        // operations: health without details is public (load balancers); metrics need staff
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("STAFF", "MANAGER", "ADMIN")
                        .anyRequest().authenticated())
                // Public endpoints act on a secret token in their path or on anonymous input, never on a session,
                // and RFC 8058 one-click POSTs come from mail providers without any token of ours.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/request", "/api/requests", "/verify/*", "/unsubscribe/*",
                        "/acknowledge/*", "/confirm-address/*", "/newsletter", "/newsletter/confirm/*",
                        "/api/newsletter/subscriptions", "/api/newsletter/audience"))
                // a refused task form is not where the next login should lead (it is a fragment for Tasklist)
                .requestCache(cache -> cache.requestCache(notTaskForms()))
                // our login page (web.LoginPage), in the staff member's language; Spring Security checks what it posts
                .formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/staff", false))
                // HTTP Basic for machines (a Prometheus scraper); people without credentials still get the login page
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .logout(Customizer.withDefaults())
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")))
                .build();
    }

    /**
     * Where a login leads after a refused page: like Spring's default (pages fetched by GET, not by a script), but
     * never a task form, which is a fragment for Tasklist and no page to land on.
     */
    private static RequestCache notTaskForms() {
        RequestMatcher taskForms = path(TaskFormLogin.PATH + "/**");
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !taskForms.matches(request)
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                && !String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains("application/json"));
        return cache;
    }

    /**
     * Matches the whole path below the context, whichever servlet serves it: the REST API and the webapps are not
     * behind Spring MVC's DispatcherServlet, so MVC-based matchers would not see them.
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-auth");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(1);
        return registration;
    }

    /** After Camunda's authentication (it sets the engine user this guard reads). */
    @Bean
    FilterRegistrationBean<EngineRestGuard> engineRestGuard(IdentityService identityService, AuditLog audit) {
        FilterRegistrationBean<EngineRestGuard> registration =
                new FilterRegistrationBean<>(new EngineRestGuard(identityService, audit));
        registration.setName("dsr-engine-rest-guard");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(2);
        return registration;
    }

    /**
     * People without credentials get the login page (a relative {@code Location: /login}); a machine that sent HTTP Basic credentials which failed gets
     * {@code 401} with a challenge, not a redirect it cannot follow.
     */
    private static AuthenticationEntryPoint loginOrBasicChallenge(DsrProperties properties) {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName("KivaQ DSR");
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byRequest = new LinkedHashMap<>();
        byRequest.put(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION), challenge);
        // a task form is fetched by Tasklist's script, which could only show a login page as a broken form
        byRequest.put(path(TaskFormLogin.PATH + "/**"), new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byRequest);
        // relative: Spring's default absolute URL would take the Host header a client sent, and an absolute URL of
        // the configured public address would send a browser that came another way (a test's port) elsewhere
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        login.setFavorRelativeUris(true);
        entryPoint.setDefaultEntryPoint(login);
        return entryPoint;
    }
}
