package io.verrou.account;

import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.delivery.ChangeKind;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.signin.UserSessions;
import io.verrou.user.PasswordSetter;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A signed-in person changes their password (My account): the current one first, then a new one that follows
 * the same rules as at reset (SPEC S9). Every other session and remembered browser of the person ends, and
 * they are told by email.
 */
@Service
class PasswordChanges {

    private final PasswordSetter passwords;
    private final PasswordEncoder passwordEncoder;
    private final UserSessions sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    PasswordChanges(PasswordSetter passwords, PasswordEncoder passwordEncoder, UserSessions sessions, AuditLog audit,
            ApplicationEventPublisher events) {
        this.passwords = passwords;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
    }

    /** Whether {@code current} is the person's password. */
    boolean isCurrent(User user, String current) {
        return current != null && passwordEncoder.matches(current, user.passwordHash());
    }

    /**
     * Sets the new password, typed twice, unless it breaks a rule; then ends every session of the person but
     * {@code keptSessionId}.
     *
     * @return the message key of the refusal; empty when the password is changed
     */
    Optional<String> change(User user, String password, String confirmation, String keptSessionId, ClientInfo client) {
        return passwords.set(user, password, confirmation, client, now -> {
            int ended = sessions.endAll(user.id(), Optional.of(keptSessionId));
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_CHANGED, AuditResult.SUCCESS, user.email(), client)
                    .forUser(user.tenantId(), user.id()).withDetail(ended + " other sessions ended"));
            events.publishEvent(new SecurityInfoChanged(user, ChangeKind.PASSWORD_CHANGED, Optional.empty(), client, now));
        });
    }
}
