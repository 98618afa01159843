package io.verrou.securityinfo;

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
import io.verrou.signin.SignInInterrupt;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * "Is your security info still accurate?" (SPEC S3.5): every N days of the organisation's policy, after sign-in
 * and the second factor, the person sees all their methods and confirms them or updates them before going on.
 * The days count from their last confirmation, or from their newest method when they never confirmed.
 */
@Component
public class SecurityInfoReview extends SignInInterrupt {

    static final String PATH = "/account/review";

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final AuditLog audit;
    private final Clock clock;

    public SecurityInfoReview(JdbcUserRepository users, JdbcTenantRepository tenants, AuthMethods methods,
            AuditLog audit, Clock clock) {
        super(PATH, List.of("/account/security-info", "/register"));
        this.users = users;
        this.tenants = tenants;
        this.methods = methods;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Stage stage() {
        return Stage.AFTER_SIGN_IN;
    }

    @Override
    protected boolean due(User user) {
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
        String target = finish(session);
        return updating ? "/account/security-info" : target;
    }
}
