package io.verrou.signin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.user.JdbcUserRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a person's sessions, on every node — their sessions live in the database — and forgets every browser
 * remembered for their second factor: after a new password, a disabled account, "Sign out everywhere".
 */
@Component
public class UserSessions {

    private final FindByIndexNameSessionRepository<?> sessions;
    private final JdbcUserRepository users;
    private final ApplicationEventPublisher events;

    public UserSessions(FindByIndexNameSessionRepository<?> sessions, JdbcUserRepository users,
            ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.users = users;
        this.events = events;
    }

    /**
     * Ends every session of the person but {@code kept} (the one that asked, when it goes on) and rotates their
     * security stamp, which remembered browsers are signed with.
     *
     * @return how many sessions ended
     */
    public int endAll(UUID userId, Optional<String> kept) {
        users.rotateSecurityStamp(userId);
        List<String> ended = sessions.findByPrincipalName(userId.toString()).keySet().stream()
                .filter(id -> kept.map(k -> !k.equals(id)).orElse(true))
                .toList();
        ended.forEach(sessions::deleteById);
        events.publishEvent(new SignedOut(userId, Optional.empty()));
        return ended.size();
    }
}
