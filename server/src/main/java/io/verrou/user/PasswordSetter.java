package io.verrou.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sets a password a person chose for themselves — at reset, on My account, in place of a temporary one: typed
 * twice, checked against {@link PasswordRules}, hashed. Checking and hashing are slow on purpose, so they happen
 * before the transaction, which then only stores the hash with what goes along with it.
 */
@Service
public class PasswordSetter {

    private final PasswordRules rules;
    private final PasswordEncoder passwordEncoder;
    private final JdbcUserRepository users;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public PasswordSetter(PasswordRules rules, PasswordEncoder passwordEncoder, JdbcUserRepository users, AuditLog audit,
            PlatformTransactionManager transactions, Clock clock) {
        this.rules = rules;
        this.passwordEncoder = passwordEncoder;
        this.users = users;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Sets {@code password} as the person's own, unless it is empty, differs from {@code confirmation} or breaks a
     * rule (audited, without the password).
     *
     * @param alongside what the same transaction does once the hash is stored, given the time it was set: the audit
     *                  entry, ending sessions, the events that tell the person
     * @return the message key of the refusal; empty when the password is set
     * @throws io.verrou.crypto.CapacityExceededException when no hash can start in time
     */
    public Optional<String> set(User user, String password, String confirmation, ClientInfo client,
            Consumer<Instant> alongside) {
        if (password == null || password.isEmpty()) {
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
        String hash = passwordEncoder.encode(password);
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            users.changePassword(user.id(), hash, now);
            alongside.accept(now);
        });
        return Optional.empty();
    }
}
