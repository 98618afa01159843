package io.verrou.method;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's security info: what they have, and adding to it. The first method that can be the default
 * becomes the default (SPEC S3.4).
 */
@Service
public class AuthMethods {

    private final JdbcAuthMethodRepository methods;
    private final JdbcUserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    public AuthMethods(JdbcAuthMethodRepository methods, JdbcUserRepository users, AuditLog audit, Clock clock) {
        this.methods = methods;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public List<AuthMethod> of(UUID userId) {
        return methods.forUser(userId);
    }

    public Optional<AuthMethod> defaultOf(UUID userId) {
        return methods.forUser(userId).stream().filter(AuthMethod::isDefault).findFirst();
    }

    /**
     * Registers a verified method.
     *
     * @param id           the id chosen for it (a sealed secret is bound to it)
     * @param lastUsedStep for TOTP, the step of the code that verified it, so that code is not accepted again
     */
    @Transactional
    public AuthMethod add(User user, UUID id, MethodKind kind, String label, Optional<String> detail,
            Optional<String> sealedSecret, Optional<String> channel, OptionalLong lastUsedStep, ClientInfo client) {
        Instant now = clock.instant();
        boolean hasDefault = methods.forUser(user.id()).stream().anyMatch(AuthMethod::isDefault);
        AuthMethod method = new AuthMethod(id, user.id(), kind, label, detail, sealedSecret, channel,
                kind.canBeDefault() && !hasDefault, now, Optional.of(now));
        methods.insert(method, lastUsedStep);
        users.rotateSecurityStamp(user.id());
        audit.record(AuditEvent.of(AuditEventType.METHOD_ADDED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id())
                .withDetail(kind.id() + channel.map(c -> " (" + c + ")").orElse("")));
        return method;
    }
}
