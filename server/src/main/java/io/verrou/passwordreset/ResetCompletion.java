package io.verrou.passwordreset;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.signin.JdbcSignInLockoutRepository;
import io.verrou.signin.UserSessions;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.PasswordSetter;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * "Choose a new password", once every method needed is proved (SPEC S9): it follows the rules and is typed twice.
 * The account is unlocked, every session and remembered browser of the person ends, and the person is told by email
 * (their administrators too, when an administrator reset their own: {@link PasswordResetNotices}).
 */
@Component
class ResetCompletion {

    private final ResetRules rules;
    private final ResetThrottle throttle;
    private final JdbcUserRepository users;
    private final PasswordSetter passwords;
    private final JdbcSignInLockoutRepository signInLockouts;
    private final UserSessions sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ResetCompletion(ResetRules rules, ResetThrottle throttle, JdbcUserRepository users, PasswordSetter passwords,
            JdbcSignInLockoutRepository signInLockouts, UserSessions sessions, AuditLog audit,
            ApplicationEventPublisher events) {
        this.rules = rules;
        this.throttle = throttle;
        this.users = users;
        this.passwords = passwords;
        this.signInLockouts = signInLockouts;
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
    }

    /** Whether the new password may be chosen now. */
    boolean ready(ResetSession reset) {
        return rules.verified(reset) && !rules.blocked(reset);
    }

    /**
     * Sets the new password.
     *
     * @return the message key of the refusal; empty when the password is reset
     */
    Optional<String> finish(ResetSession reset, String password, String confirmation, Locale locale, ClientInfo client) {
        if (!ready(reset)) {
            return Optional.of("reset.session.ended");
        }
        User user = users.findById(reset.userId().orElseThrow()).orElseThrow();
        return passwords.set(user, password, confirmation, client, now -> {
            signInLockouts.clear(user.email());
            throttle.clear(reset);
            int ended = sessions.endAll(user.id(), Optional.empty());
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_RESET, AuditResult.SUCCESS, user.email(), client)
                    .forUser(user.tenantId(), user.id()).withDetail(ended + " sessions ended"));
            events.publishEvent(new PasswordWasReset(user, client, now, locale));
        });
    }

    /** Published once a password is reset, for the emails that follow the commit. */
    record PasswordWasReset(User user, ClientInfo client, Instant when, Locale locale) {
    }
}
