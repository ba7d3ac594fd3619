package fi.kivaq.dsr.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Staff log in to our pages with the same user and password as to Camunda's web applications and REST API:
 * the engine's identity service is the one user store. Group membership becomes the role.
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    EngineIdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null || !identityService.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, rolesOf(identityService, user));
    }

    /** The roles the user's groups give it (a group that is none of ours gives none). */
    static List<GrantedAuthority> rolesOf(IdentityService identityService, String user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Group group : identityService.createGroupQuery().groupMember(user).list()) {
            switch (group.getId()) {
                case StaffGroups.STAFF -> authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
                case StaffGroups.MANAGERS -> authorities.add(new SimpleGrantedAuthority("ROLE_MANAGER"));
                case StaffGroups.CAMUNDA_ADMIN -> authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
                case StaffGroups.NEWSLETTER -> authorities.add(new SimpleGrantedAuthority("ROLE_NEWSLETTER"));
                default -> { }
            }
        }
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
