package io.verrou.securityinfo;

import java.time.Clock;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.delivery.ChangeKind;
import io.verrou.method.SecurityInfoChanged;
import io.verrou.signin.UserSessions;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * "Lost device? Sign out everywhere" (SPEC S6): ends every session of the person, on every node, and
 * forgets every browser that was remembered for the second factor.
 */
@Service
public class SignOutEverywhere {

    private final UserSessions sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public SignOutEverywhere(UserSessions sessions, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Ends every session of {@code user}; returns how many there were. */
    public int signOut(User user, ClientInfo client) {
        int ended = sessions.endAll(user.id(), Optional.empty());
        events.publishEvent(new SecurityInfoChanged(user, ChangeKind.SIGNED_OUT_EVERYWHERE,
                Optional.empty(), client, clock.instant()));
        audit.record(new AuditEvent(AuditEventType.SIGNED_OUT_EVERYWHERE, AuditResult.SUCCESS, user.email(),
                Optional.of(user.tenantId()), Optional.of(user.id()), Optional.empty(), client,
                Optional.of(ended + " sessions")));
        return ended;
    }
}
