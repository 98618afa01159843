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
import io.verrou.delivery.ChangeKind;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's security info: what they have, and adding to it. The first method that can be the default
 * becomes the default (SPEC S3.4). Methods of a kind this server doesn't have (a plug-in removed) are kept in the
 * database but never handed out.
 */
@Service
public class AuthMethods {

    private final JdbcAuthMethodRepository methods;
    private final MethodKinds kinds;
    private final JdbcUserRepository users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public AuthMethods(JdbcAuthMethodRepository methods, MethodKinds kinds, JdbcUserRepository users, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.methods = methods;
        this.kinds = kinds;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A person's methods, strongest kind first, then oldest first. */
    public List<AuthMethod> of(UUID userId) {
        return methods.forUser(userId).stream()
                .filter(m -> kinds.find(m.kind()).isPresent())
                .sorted(kinds.strongestFirst())
                .toList();
    }

    public Optional<AuthMethod> defaultOf(UUID userId) {
        return of(userId).stream().filter(AuthMethod::isDefault).findFirst();
    }

    /**
     * Changes what one of the person's methods reaches, e.g. a phone's number once the new one is verified: the
     * method keeps its id and its place as default, and the person gets one "changed" notice.
     */
    @Transactional
    public Optional<AuthMethod> change(User user, UUID methodId, String detail, Optional<String> channel,
            ClientInfo client) {
        Optional<AuthMethod> method = methods.findById(methodId).filter(m -> m.userId().equals(user.id()));
        if (method.isEmpty()) {
            return Optional.empty();
        }
        methods.updateDetail(methodId, detail, channel);
        users.rotateSecurityStamp(user.id());
        Optional<AuthMethod> changed = methods.findById(methodId);
        events.publishEvent(new SecurityInfoChanged(user, ChangeKind.METHOD_CHANGED, changed, client,
                clock.instant()));
        audit.record(AuditEvent.of(AuditEventType.METHOD_CHANGED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id()).withDetail(method.get().kind().id()));
        return changed;
    }

    /**
     * Makes {@code methodId} the default sign-in method; for a phone, reached by {@code channel}.
     *
     * @return false when the method is not the person's or cannot be a default
     */
    @Transactional
    public boolean changeDefault(User user, UUID methodId, Optional<String> channel, ClientInfo client) {
        Optional<AuthMethod> method = methods.findById(methodId).filter(m -> m.userId().equals(user.id()));
        if (method.isEmpty() || !kinds.canBeDefault(method.get().kind())) {
            return false;
        }
        methods.makeDefault(user.id(), methodId, channel);
        users.rotateSecurityStamp(user.id());
        events.publishEvent(new SecurityInfoChanged(user, ChangeKind.DEFAULT_CHANGED,
                methods.findById(methodId), client, clock.instant()));
        audit.record(AuditEvent.of(AuditEventType.DEFAULT_CHANGED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id())
                .withDetail(method.get().kind().id() + channel.map(c -> " (" + c + ")").orElse("")));
        return true;
    }

    /**
     * Deletes one of the person's methods. When it was the default, the strongest remaining method that
     * can be one becomes the default (SPEC S4).
     *
     * @return the deleted method, or empty when it is not the person's
     */
    @Transactional
    public Optional<AuthMethod> delete(User user, UUID methodId, ClientInfo client) {
        Optional<AuthMethod> method = methods.findById(methodId).filter(m -> m.userId().equals(user.id()));
        if (method.isEmpty()) {
            return Optional.empty();
        }
        methods.delete(methodId);
        if (method.get().isDefault()) {
            of(user.id()).stream()
                    .filter(m -> kinds.canBeDefault(m.kind()))
                    .findFirst()
                    .ifPresent(next -> methods.makeDefault(user.id(), next.id(), Optional.empty()));
        }
        users.rotateSecurityStamp(user.id());
        events.publishEvent(new SecurityInfoChanged(user, ChangeKind.METHOD_DELETED, method, client,
                clock.instant()));
        audit.record(AuditEvent.of(AuditEventType.METHOD_DELETED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id()).withDetail(method.get().kind().id()));
        return method;
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
        boolean hasDefault = of(user.id()).stream().anyMatch(AuthMethod::isDefault);
        AuthMethod method = new AuthMethod(id, user.id(), kind, label, detail, sealedSecret, channel,
                !hasDefault && kinds.canBeDefault(kind), now, Optional.of(now));
        methods.insert(method, lastUsedStep);
        users.rotateSecurityStamp(user.id());
        events.publishEvent(new SecurityInfoChanged(user, ChangeKind.METHOD_ADDED, Optional.of(method),
                client, now));
        audit.record(AuditEvent.of(AuditEventType.METHOD_ADDED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id())
                .withDetail(kind.id() + channel.map(c -> " (" + c + ")").orElse("")));
        return method;
    }
}
