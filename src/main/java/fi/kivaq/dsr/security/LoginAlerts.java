package fi.kivaq.dsr.security;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;

/** A lock after repeated failed logins: in the audit log, and mailed to every manager through the outbox. */
@Component
class LoginAlerts {

    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final AuditLog audit;

    LoginAlerts(IdentityService identityService, MailOutbox outbox, AuditLog audit) {
        this.identityService = identityService;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional
    public void locked(LoginThrottle.Kind kind, String who, int failures, Duration window, Duration lock) {
        String what = (kind == LoginThrottle.Kind.ACCOUNT ? "account " : "client address ") + who;
        audit.recordEngine("login-throttle", AuditLog.Action.LOGIN_THROTTLED, null,
                what + ": " + failures + " failed logins within " + window + ", refused for " + lock);
        Map<String, Object> model = Map.of("kind", kind.name(), "who", who, "failures", failures,
                "window", window.toMinutes(), "lock", lock.toMinutes());
        for (User manager : identityService.createUserQuery().memberOfGroup(StaffGroups.MANAGERS).list()) {
            if (manager.getEmail() != null && !manager.getEmail().isBlank()) {
                outbox.enqueue(OutgoingMail.toStaff(null, manager.getEmail().strip(), "login-throttled", model));
            }
        }
    }
}
