package io.verrou.securityinfo;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "Is your security info still accurate?" (SPEC S3.5): every N days of the organisation's policy, after sign-in
 * and the second factor, the person sees all their methods and confirms them or updates them before going on.
 * The days count from their last confirmation, or from their newest method when they never confirmed.
 */
@Component
public class SecurityInfoReview extends OncePerRequestFilter {

    static final String PENDING = SecurityInfoReview.class.getName() + ".PENDING";
    static final String TARGET = SecurityInfoReview.class.getName() + ".TARGET";
    static final String PATH = "/account/review";

    private static final List<String> ALLOWED = List.of(PATH, "/account/security-info", "/register", "/signout",
            "/signin", "/css/", "/js/", "/img/", "/favicon.ico", "/error", "/dev/outbox", "/actuator/health", "/api/");

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final AuditLog audit;
    private final Clock clock;

    public SecurityInfoReview(JdbcUserRepository users, JdbcTenantRepository tenants, AuthMethods methods,
            AuditLog audit, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.methods = methods;
        this.audit = audit;
        this.clock = clock;
    }

    /** Called once sign-in is complete: where to go next, the review when it is due. */
    public String afterSignIn(User user, String target, HttpSession session) {
        if (!due(user)) {
            return target;
        }
        session.setAttribute(PENDING, Boolean.TRUE);
        session.setAttribute(TARGET, target);
        return PATH;
    }

    boolean due(User user) {
        int days = tenants.policy(user.tenantId()).reviewDays();
        List<AuthMethod> registered = methods.of(user.id());
        if (days <= 0 || registered.isEmpty()) {
            return false;
        }
        Instant since = users.securityInfoReviewedAt(user.id())
                .or(() -> registered.stream().map(AuthMethod::createdAt).max(Comparator.naturalOrder()))
                .orElseThrow();
        return !clock.instant().isBefore(since.plus(Duration.ofDays(days)));
    }

    /** The person confirmed (or chose to update) their security info: the review ends. Returns where they were going. */
    String confirm(User user, boolean updating, HttpSession session, ClientInfo client) {
        users.markSecurityInfoReviewed(user.id(), clock.instant());
        audit.record(AuditEvent.of(AuditEventType.SECURITY_INFO_REVIEWED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id()).because(updating ? "update" : "looks_good"));
        Object target = session.getAttribute(TARGET);
        session.removeAttribute(PENDING);
        session.removeAttribute(TARGET);
        return updating ? "/account/security-info" : target instanceof String t ? t : "/account";
    }

    boolean pending(HttpSession session) {
        return session.getAttribute(PENDING) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (session != null && session.getAttribute(PENDING) != null && ALLOWED.stream().noneMatch(path::startsWith)) {
            response.sendRedirect(request.getContextPath() + PATH);
            return;
        }
        chain.doFilter(request, response);
    }
}
