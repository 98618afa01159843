package io.verrou.passwordreset;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.MethodKinds.ResetOption;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.springframework.stereotype.Component;

/**
 * What a password reset asks for (SPEC S9): how many methods must be proved, which ways each step offers, and
 * when the person has proved enough. Reset is never weaker than sign-in.
 */
@Component
class ResetRules {

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final AuthMethods methods;
    private final MethodKinds kinds;

    ResetRules(JdbcUserRepository users, JdbcTenantRepository tenants, AuthMethods methods, MethodKinds kinds) {
        this.users = users;
        this.tenants = tenants;
        this.methods = methods;
        this.kinds = kinds;
    }

    /** Whether the organisation of the name lets its people reset their password; a domain of none says yes. */
    boolean enabledForTenant(ResetSession reset) {
        return reset.tenantId().map(id -> tenants.policy(id).resetEnabled()).orElse(true);
    }

    /** Whether the person's account stops them here: MFA blocked after a reported request. */
    boolean blocked(ResetSession reset) {
        return reset.userId().map(users::mfaBlocked).orElse(false);
    }

    /**
     * How many methods must be proved (SPEC S9): the organisation's policy, 1 or 2, and always 2 for an
     * administrator, as their sign-in needs two factors too.
     */
    int required(ResetSession reset) {
        if (account(reset).filter(u -> u.role() == Role.ADMIN).isPresent()) {
            return 2;
        }
        return reset.tenantId().map(id -> Math.max(1, tenants.policy(id).resetMethodsRequired())).orElse(1);
    }

    /**
     * Whether every method needed is proved. Someone who holds a sign-in method (an app, a phone) must have proved
     * one of those too, so that an email or the questions alone never reset an account whose sign-in needs a second
     * factor.
     */
    boolean verified(ResetSession reset) {
        return reset.userId().isPresent() && reset.verified().size() >= required(reset) && !needsSignInMethod(reset);
    }

    /** How many verification steps this reset has, for the "step N of M" heading. */
    int steps(ResetSession reset) {
        return verified(reset) ? reset.verified().size()
                : Math.max(required(reset), reset.verified().size() + (reset.verified().size() >= required(reset) ? 1 : 0));
    }

    /**
     * The ways offered at this step. The first step lists every way the organisation allows for reset, the same
     * for everyone; later steps, once the person has proved who they are, only their own other methods, and only
     * sign-in methods when one of those is all that is missing.
     */
    List<ResetOption> options(ResetSession reset) {
        List<MethodPolicy> policies = policies(reset);
        List<ResetOption> allowed = kinds.resetOptions().stream()
                .filter(option -> reset.tenantId().isEmpty() || allows(policies, option))
                .toList();
        if (reset.step() == 1) {
            return allowed;
        }
        boolean signInOnly = reset.verified().size() >= required(reset);
        List<AuthMethod> own = unproved(reset);
        return allowed.stream()
                .filter(option -> !signInOnly || option.kinds().stream().anyMatch(kinds::canBeDefault))
                .filter(option -> own.stream().anyMatch(m -> option.proves(m.kind())))
                .toList();
    }

    /** The option of this id, when this step offers it. */
    Optional<ResetOption> offered(ResetSession reset, String id) {
        return options(reset).stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** The person's methods this option can prove and the policy lets serve reset, not yet proved. */
    List<AuthMethod> candidates(ResetSession reset, ResetOption option) {
        if (reset.tenantId().isEmpty() || !allows(policies(reset), option)) {
            return List.of();
        }
        return unproved(reset).stream().filter(m -> option.proves(m.kind())).toList();
    }

    /** One of the person's methods, by id. */
    Optional<AuthMethod> find(ResetSession reset, UUID methodId) {
        return reset.userId().stream().flatMap(user -> methods.of(user).stream())
                .filter(m -> m.id().equals(methodId)).findFirst();
    }

    /** The person's methods not proved yet in this reset, those they may have (never questions for an administrator). */
    private List<AuthMethod> unproved(ResetSession reset) {
        Optional<User> user = account(reset);
        if (user.isEmpty()) {
            return List.of();
        }
        return methods.of(user.get().id()).stream()
                .filter(m -> !reset.verified().contains(m.id()))
                .filter(m -> kinds.of(m).allowedFor(user.get()))
                .toList();
    }

    /** Whether the person holds a sign-in method and none of the methods proved so far is one. */
    private boolean needsSignInMethod(ResetSession reset) {
        if (reset.userId().isEmpty()) {
            return false;
        }
        List<AuthMethod> own = methods.of(reset.userId().get());
        boolean holdsOne = own.stream().anyMatch(m -> kinds.canBeDefault(m.kind()));
        boolean provedOne = own.stream().anyMatch(m -> kinds.canBeDefault(m.kind()) && reset.verified().contains(m.id()));
        return holdsOne && !provedOne;
    }

    private List<MethodPolicy> policies(ResetSession reset) {
        return reset.tenantId().map(tenants::methodPolicies).orElse(List.of());
    }

    /** Whether the policy lets one of the option's kinds serve reset. */
    private boolean allows(List<MethodPolicy> policies, ResetOption option) {
        return option.kinds().stream().anyMatch(kind -> policies.stream()
                .anyMatch(p -> p.method().equals(kind.id()) && p.enabled() && p.forReset()));
    }

    private Optional<User> account(ResetSession reset) {
        return reset.userId().flatMap(users::findById);
    }
}
