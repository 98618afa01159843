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
import io.verrou.user.NewPasswords;
import io.verrou.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replacing a temporary password at sign-in (SPEC S11): the new one follows the same rules as everywhere else,
 * and can't be the temporary one.
 */
@Service
class PasswordUpdates {

    private final JdbcUserRepository users;
    private final NewPasswords newPasswords;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PasswordUpdates(JdbcUserRepository users, NewPasswords newPasswords, AuditLog audit,
            PlatformTransactionManager transactions, Clock clock) {
        this.users = users;
        this.newPasswords = newPasswords;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
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
    Optional<String> update(UUID userId, String password, String confirmation, ClientInfo client) {
        User user = user(userId);
        if (password.isEmpty()) {
            return Optional.of("reset.password.required");
        }
        if (!password.equals(confirmation)) {
            return Optional.of("reset.password.mismatch");
        }
        NewPasswords.Choice choice = newPasswords.choose(user, password, client);
        if (choice instanceof NewPasswords.Choice.Refused refused) {
            return Optional.of(refused.problem().messageKey());
        }
        String hash = ((NewPasswords.Choice.Accepted) choice).hash();
        transaction.executeWithoutResult(status -> {
            users.changePassword(user.id(), hash, clock.instant());
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_CHANGED, AuditResult.SUCCESS, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because("temporary_replaced"));
        });
        return Optional.empty();
    }
}
