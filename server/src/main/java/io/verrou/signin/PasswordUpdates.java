package io.verrou.signin;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.PasswordSetter;
import io.verrou.user.User;

import org.springframework.stereotype.Service;

/**
 * Replacing a temporary password at sign-in (SPEC S11): the new one follows the same rules as everywhere else,
 * and can't be the temporary one.
 */
@Service
class PasswordUpdates {

    private final JdbcUserRepository users;
    private final PasswordSetter passwords;
    private final AuditLog audit;

    PasswordUpdates(JdbcUserRepository users, PasswordSetter passwords, AuditLog audit) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
    }

    User user(UUID userId) {
        return users.findById(userId).orElseThrow();
    }

    /** Keeps the language the person signed in with, for the emails they get later. */
    void rememberLanguage(User user, Locale locale) {
        users.updateLanguage(user.id(), locale);
    }

    /** Sets the person's own password; the message key when it is refused. */
    Optional<String> update(UUID userId, String password, String confirmation, ClientInfo client) {
        User user = user(userId);
        return passwords.set(user, password, confirmation, client, now ->
                audit.record(AuditEvent.of(AuditEventType.PASSWORD_CHANGED, AuditResult.SUCCESS, user.email(), client)
                        .forUser(user.tenantId(), user.id()).because("temporary_replaced")));
    }
}
