package fi.kivaq.dsr.security;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The security module's one table, {@code login_throttle}: failed-login counters keyed by a keyed hash of a staff
 * user name or a client address, so nothing in it names anyone without the secret. Its rows go by themselves a
 * window and a lock after the last failure ({@link LoginThrottle}), so retention has nothing left to do.
 */
@Component
class SecurityPersonalData implements PersonalDataOwner {

    private final LoginThrottle throttle;
    private final java.time.Clock clock;

    SecurityPersonalData(LoginThrottle throttle, java.time.Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("login_throttle")
                .notPersonal("throttle_key", "window_start", "failures", "locked_until", "last_failure"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("failed-login counters (keyed hash of a user name or client address, count, lock)",
                "dsr.login.window and dsr.login.lock-duration (15 min each) after the last failure, then deleted within a minute"));
    }

    /** The throttle deletes its idle rows every minute; the daily run does the same, in case scheduling was off. */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("idle failed-login counters deleted", throttle.forgetIdleBefore(clock.instant()));
    }
}
