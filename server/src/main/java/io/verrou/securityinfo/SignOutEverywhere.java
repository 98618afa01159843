package io.verrou.securityinfo;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;

/**
 * "Lost device? Sign out everywhere" (SPEC S6): ends every session of the person, on every node, and
 * forgets every browser that was remembered for the second factor.
 */
@Service
public class SignOutEverywhere {

    private final FindByIndexNameSessionRepository<?> sessions;
    private final JdbcUserRepository users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public SignOutEverywhere(FindByIndexNameSessionRepository<?> sessions, JdbcUserRepository users, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Ends every session of {@code user}; returns how many there were. */
    public int signOut(User user, ClientInfo client) {
        List<String> ids = List.copyOf(sessions.findByPrincipalName(user.id().toString()).keySet());
        ids.forEach(sessions::deleteById);
        users.rotateSecurityStamp(user.id());
        events.publishEvent(new SecurityInfoChanged(user, SecurityInfoChanged.Change.SIGNED_OUT_EVERYWHERE,
                Optional.empty(), client, clock.instant()));
        audit.record(new AuditEvent(AuditEventType.SIGNED_OUT_EVERYWHERE, AuditResult.SUCCESS, user.email(),
                Optional.of(user.tenantId()), Optional.of(user.id()), Optional.empty(), client,
                Optional.of(ids.size() + " sessions")));
        return ids.size();
    }
}
