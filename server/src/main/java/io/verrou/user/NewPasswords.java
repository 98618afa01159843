package io.verrou.user;

import java.util.Locale;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A password a person chose for themselves (at reset, on My account, in place of a temporary one): checked against
 * {@link PasswordRules} and hashed. Both are slow on purpose, so callers do this before their transaction, which
 * then only stores the hash.
 */
@Service
public class NewPasswords {

    private final PasswordRules rules;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;

    public NewPasswords(PasswordRules rules, PasswordEncoder passwordEncoder, AuditLog audit) {
        this.rules = rules;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
    }

    /** What came of a chosen password. */
    public sealed interface Choice {
        /** It follows the rules; this is its hash, to store. */
        record Accepted(String hash) implements Choice {
        }

        /** It breaks a rule (audited, without the password). */
        record Refused(PasswordProblem problem) implements Choice {
        }
    }

    /**
     * Checks {@code password} for {@code user} and hashes it when it follows the rules.
     *
     * @throws io.verrou.crypto.CapacityExceededException when no hash can start in time
     */
    public Choice choose(User user, String password, ClientInfo client) {
        Optional<PasswordProblem> problem = rules.check(user, password);
        if (problem.isPresent()) {
            audit.record(AuditEvent.of(AuditEventType.PASSWORD_REJECTED, AuditResult.FAILURE, user.email(), client)
                    .forUser(user.tenantId(), user.id()).because(problem.get().name().toLowerCase(Locale.ROOT)));
            return new Choice.Refused(problem.get());
        }
        return new Choice.Accepted(passwordEncoder.encode(password));
    }
}
