package io.verrou.registration;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.method.MethodKinds;
import io.verrou.signin.SecondFactorRequirement;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.stereotype.Service;

/**
 * Who has registered what (SPEC S11): for each person of an organisation, their methods, their default one,
 * whether they can prove a second factor at sign-in and whether they can reset their password on their own,
 * under the organisation's policy as it is now.
 */
@Service
public class RegistrationReport {

    /** The most people one report lists; the search narrows it. */
    static final int MAX_ROWS = 5000;

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final SecondFactorRequirement secondFactor;

    public RegistrationReport(JdbcUserRepository users, JdbcTenantRepository tenants, AuthMethods methods,
            MethodKinds kinds, SecondFactorRequirement secondFactor) {
        this.kinds = kinds;
        this.users = users;
        this.tenants = tenants;
        this.methods = methods;
        this.secondFactor = secondFactor;
    }

    /** Which people a report lists. */
    public enum Filter {
        ALL, NOT_MFA_CAPABLE, NOT_RESET_CAPABLE;

        public static Filter of(String value) {
            return switch (value) {
                case "not-mfa-capable" -> NOT_MFA_CAPABLE;
                case "not-reset-capable" -> NOT_RESET_CAPABLE;
                default -> ALL;
            };
        }
    }

    /**
     * One person's line.
     *
     * @param kinds         the kinds of their methods, strongest first
     * @param defaultKind   the kind of their default method, if any
     * @param mfaCapable    whether they have a method the policy lets serve sign-in
     * @param resetCapable  whether they have as many reset methods as the policy needs, and reset is on
     * @param lastRegistered when their newest method was registered
     */
    public record Row(User user, List<MethodKind> kinds, Optional<MethodKind> defaultKind, boolean mfaCapable,
            boolean resetCapable, Optional<Instant> lastRegistered) {
    }

    /** The lines of the organisation's people whose name or email contains {@code query}, as the filter keeps them. */
    public List<Row> rows(UUID tenantId, String query, Filter filter) {
        TenantPolicy policy = tenants.policy(tenantId);
        List<MethodPolicy> policies = tenants.methodPolicies(tenantId);
        return users.search(tenantId, query.strip(), MAX_ROWS).stream()
                .map(user -> row(user, policy, policies))
                .filter(row -> switch (filter) {
                    case ALL -> true;
                    case NOT_MFA_CAPABLE -> !row.mfaCapable();
                    case NOT_RESET_CAPABLE -> !row.resetCapable();
                })
                .toList();
    }

    private Row row(User user, TenantPolicy policy, List<MethodPolicy> policies) {
        List<AuthMethod> registered = methods.of(user.id());
        long resetMethods = registered.stream()
                .filter(m -> kinds.allows(policies, kinds.of(m), user, true))
                .count();
        return new Row(user,
                registered.stream().map(AuthMethod::kind).toList(),
                registered.stream().filter(AuthMethod::isDefault).map(AuthMethod::kind).findFirst(),
                !secondFactor.usable(user.id(), user.tenantId()).isEmpty(),
                policy.resetEnabled() && resetMethods >= policy.resetMethodsRequired(),
                registered.stream().map(AuthMethod::createdAt).max(Comparator.naturalOrder()));
    }
}
