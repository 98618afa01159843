package io.verrou.signin;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.PasswordProblem;
import io.verrou.user.PasswordRules;
import io.verrou.user.User;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replacing a temporary password at sign-in (SPEC S11): the new one follows the same rules as everywhere else,
 * and can't be the temporary one.
 */
@Service
class PasswordUpdates {

    private final JdbcUserRepository users;
    private final PasswordRules rules;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final Clock clock;

    PasswordUpdates(JdbcUserRepository users, PasswordRules rules, PasswordEncoder passwordEncoder, AuditLog audit,
            Clock clock) {
        this.users = users;
        this.rules = rules;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
    }

    User user(UUID userId) {
        return users.findById(userId).orElseThrow();
    }

    /** Keeps the language the person signed in with, for the emails they get later. */
    void rememberLanguage(User user, Locale locale) {
        users.updateLanguage(user.id(), locale);
    }

    /** Sets the person's own password; the message key when it is refused. */
    @Transactional
    Optional<String> update(UUID userId, String password, String confirmation, ClientInfo client) {
        User user = user(userId);
        if (password.isEmpty()) {
            return Optional.of("reset.password.required");
        }
        if (!password.equals(confirmation)) {
            return Optional.of("reset.password.mismatch");
        }
        Optional<PasswordProblem> problem = rules.check(user, password);
        if (problem.isPresent()) {
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_REJECTED, AuditResult.FAILURE, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because(problem.get().name().toLowerCase(Locale.ROOT)));
            return Optional.of(problem.get().messageKey());
        }
        users.changePassword(user.id(), passwordEncoder.encode(password), clock.instant());
        audit.record(AuditEvent.of(AuditEventType.PASSWORD_CHANGED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id()).because("temporary_replaced"));
        return Optional.empty();
    }
}
