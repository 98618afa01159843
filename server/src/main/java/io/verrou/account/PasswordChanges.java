package io.verrou.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.NewPasswords;
import io.verrou.user.PasswordProblem;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed-in person changes their password (My account): the current one first, then a new one that follows
 * the same rules as at reset (SPEC S9). Every other session and remembered browser of the person ends, and
 * they are told by email.
 */
@Service
class PasswordChanges {

    private final JdbcUserRepository users;
    private final NewPasswords newPasswords;
    private final PasswordEncoder passwordEncoder;
    private final FindByIndexNameSessionRepository<?> sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PasswordChanges(JdbcUserRepository users, NewPasswords newPasswords, PasswordEncoder passwordEncoder,
            FindByIndexNameSessionRepository<?> sessions, AuditLog audit, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        this.users = users;
        this.newPasswords = newPasswords;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Whether {@code current} is the person's password. */
    boolean isCurrent(User user, String current) {
        return current != null && passwordEncoder.matches(current, user.passwordHash());
    }

    /**
     * Sets the new password, unless it breaks a rule; then ends every session of the person but
     * {@code keptSessionId}.
     */
    Optional<PasswordProblem> change(User user, String password, String keptSessionId, ClientInfo client) {
        NewPasswords.Choice choice = newPasswords.choose(user, password, client);
        if (choice instanceof NewPasswords.Choice.Refused refused) {
            return Optional.of(refused.problem());
        }
        String hash = ((NewPasswords.Choice.Accepted) choice).hash();
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            users.changePassword(user.id(), hash, now);
            users.rotateSecurityStamp(user.id());
            List<String> others = sessions.findByPrincipalName(user.id().toString()).keySet().stream()
                    .filter(id -> !id.equals(keptSessionId)).toList();
            others.forEach(sessions::deleteById);
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_CHANGED, AuditResult.SUCCESS, user.email(), client)
                    .forUser(user.tenantId(), user.id()).withDetail(others.size() + " other sessions ended"));
            events.publishEvent(new SecurityInfoChanged(user, SecurityInfoChanged.Change.PASSWORD_CHANGED,
                    Optional.empty(), client, now));
        });
        return Optional.empty();
    }
}
