package io.verrou.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session once its absolute lifetime is over (SPEC S2: 12 hours by default), however
 * active it has been; the idle timeout is the session store's own.
 */
public class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {

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
        if (session != null && session.getAttribute(SignInSessions.ABSOLUTE_DEADLINE) instanceof Instant deadline
                && !clock.instant().isBefore(deadline)) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
                audit.record(new AuditEvent(AuditEventType.SESSION_EXPIRED, AuditResult.SUCCESS, user.email(),
                        Optional.of(user.tenantId()), Optional.of(user.userId()), Optional.of("absolute_timeout"),
                        ClientInfo.from(request), Optional.empty()));
            }
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/signin?expired");
            return;
        }
        chain.doFilter(request, response);
    }
}
