package io.verrou.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.user.SignedInUser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session once its absolute lifetime is over (SPEC S2: 12 hours by default), however active it has
 * been, and once it has been idle for the organisation's idle timeout (1 hour by default). Both follow the injected
 * clock; the session store's own expiry stays behind them as a backstop. The time of the last activity is written at
 * most once a minute, so that idle pages don't cost a write per request.
 */
public class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {

    /** Session attribute: when the session was last used (to the minute). */
    public static final String LAST_ACTIVE = AbsoluteSessionTimeoutFilter.class.getName() + ".LAST_ACTIVE";
    static final Duration GRANULARITY = Duration.ofMinutes(1);

    private final Clock clock;
    private final AuditLog audit;

    public AbsoluteSessionTimeoutFilter(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignInSessions.ABSOLUTE_DEADLINE) instanceof Instant deadline) {
            Instant now = clock.instant();
            Instant lastActive = session.getAttribute(LAST_ACTIVE) instanceof Instant last ? last : now;
            Duration idle = Duration.ofSeconds(Math.max(60, session.getMaxInactiveInterval()));
            Optional<String> over = !now.isBefore(deadline) ? Optional.of("absolute_timeout")
                    : !now.isBefore(lastActive.plus(idle)) ? Optional.of("idle_timeout") : Optional.empty();
            if (over.isPresent()) {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
                    audit.record(new AuditEvent(AuditEventType.SESSION_EXPIRED, AuditResult.SUCCESS, user.email(),
                            Optional.of(user.tenantId()), Optional.of(user.userId()), over,
                            ClientInfo.from(request), Optional.empty()));
                }
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/signin?expired");
                return;
            }
            if (!(session.getAttribute(LAST_ACTIVE) instanceof Instant) || !now.isBefore(lastActive.plus(GRANULARITY))) {
                session.setAttribute(LAST_ACTIVE, now);
            }
        }
        chain.doFilter(request, response);
    }
}
