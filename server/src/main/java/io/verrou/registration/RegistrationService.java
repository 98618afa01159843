package io.verrou.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;
import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.SetupStep;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a person still has to register (SPEC S3): the policy's required methods they lack, most secure first,
 * and whether they may postpone it.
 */
@Service
public class RegistrationService {

    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public RegistrationService(JdbcTenantRepository tenants, AuthMethods methods, MethodKinds kinds, JdbcClient jdbc,
            AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.methods = methods;
        this.kinds = kinds;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Every step the policy requires, done or not, in the order the wizard takes them: the methods it names,
     * then — when self-service reset needs more methods than those give — the next ones that serve reset,
     * most secure first, so that the first one always serves sign-in too (SPEC S3.3).
     */
    public List<SetupStep> required(User user) {
        TenantPolicy policy = tenants.policy(user.tenantId());
        List<MethodPolicy> allowed = tenants.methodPolicies(user.tenantId());
        List<SetupStep> all = kinds.steps();
        List<SetupStep> steps = new ArrayList<>(all.stream()
                .filter(step -> policy.requiredMethods().contains(step.requirement()))
                .filter(step -> kinds.offers(allowed, step, user, false))
                .toList());
        if (policy.resetEnabled()) {
            List<AuthMethod> registered = methods.of(user.id());
            long serving = all.stream()
                    .filter(step -> kinds.offers(allowed, step, user, true))
                    .filter(step -> steps.contains(step) || kinds.isSatisfied(step, registered))
                    .count();
            // An administrator's reset always takes two methods (SPEC S9): they set up two.
            int needed = user.role() == Role.ADMIN ? Math.max(2, policy.resetMethodsRequired()) : policy.resetMethodsRequired();
            for (SetupStep step : all) {
                if (serving >= needed) {
                    break;
                }
                if (!steps.contains(step) && !kinds.isSatisfied(step, registered) && kinds.offers(allowed, step, user, true)) {
                    steps.add(step);
                    serving++;
                }
            }
        }
        steps.sort(Comparator.comparingInt(all::indexOf));
        return List.copyOf(steps);
    }

    /** The required steps the person has not done yet. */
    public List<SetupStep> missing(User user) {
        List<AuthMethod> registered = methods.of(user.id());
        return required(user).stream().filter(step -> !kinds.isSatisfied(step, registered)).toList();
    }

    /** Whether sign-in must stop at the registration interrupt. */
    public boolean mustRegister(User user) {
        return tenants.policy(user.tenantId()).registrationRequired() && !missing(user).isEmpty();
    }

    /**
     * The days left in which the person may still choose "Skip for now", when the policy allows a snooze
     * and they have not used it up.
     */
    public Optional<Long> snoozeDaysLeft(User user) {
        TenantPolicy policy = tenants.policy(user.tenantId());
        if (policy.snoozeDays() <= 0) {
            return Optional.empty();
        }
        Optional<Snooze> snooze = snooze(user.id());
        if (snooze.isPresent() && policy.snoozeLimit() > 0 && snooze.get().skips() >= policy.snoozeLimit()) {
            return Optional.empty();
        }
        Instant deadline = snooze.map(Snooze::firstSkippedAt).orElse(clock.instant())
                .plus(Duration.ofDays(policy.snoozeDays()));
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(1, (left.toHours() + 23) / 24));
    }

    /** Records a "Skip for now". */
    public boolean skip(User user, ClientInfo client) {
        if (snoozeDaysLeft(user).isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        int updated = jdbc.sql("UPDATE registration_snooze SET skips = skips + 1 WHERE user_id = :userId")
                .param("userId", user.id()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO registration_snooze (user_id, first_skipped_at, skips) VALUES (:userId, :now, 1)")
                    .param("userId", user.id()).param("now", Timestamps.toColumn(now)).update();
        }
        audit.record(AuditEvent.of(AuditEventType.REGISTRATION_SKIPPED, AuditResult.SUCCESS, user.email(), client)
                .forUser(user.tenantId(), user.id()));
        return true;
    }

    private Optional<Snooze> snooze(UUID userId) {
        return jdbc.sql("SELECT first_skipped_at, skips FROM registration_snooze WHERE user_id = :userId")
                .param("userId", userId)
                .query((rs, row) -> new Snooze(Timestamps.fromColumn(rs, "first_skipped_at"), rs.getInt("skips")))
                .optional();
    }

    private record Snooze(Instant firstSkippedAt, int skips) {
    }
}
