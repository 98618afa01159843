package io.verrou.signin;

import java.util.List;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;

import org.springframework.stereotype.Component;

/**
 * Whether a person must prove a second factor (SPEC S2.3b, S5): their organisation requires MFA and they
 * have at least one method that serves sign-in. Someone with none is sent to register instead.
 */
@Component
public class SecondFactorRequirement {

    private final AuthMethods methods;
    private final MethodKinds kinds;
    private final JdbcTenantRepository tenants;

    public SecondFactorRequirement(AuthMethods methods, MethodKinds kinds, JdbcTenantRepository tenants) {
        this.methods = methods;
        this.kinds = kinds;
        this.tenants = tenants;
    }

    public boolean appliesTo(UUID userId, UUID tenantId) {
        return tenants.policy(tenantId).mfaRequired() && !usable(userId, tenantId).isEmpty();
    }

    /**
     * The person's methods that can prove a second factor now — their kind has ways to, and the policy allows it for
     * sign-in — default first, then strongest first.
     */
    public List<AuthMethod> usable(UUID userId, UUID tenantId) {
        List<String> forSignIn = tenants.methodPolicies(tenantId).stream()
                .filter(p -> p.enabled() && p.forSignIn()).map(MethodPolicy::method).toList();
        return methods.of(userId).stream()
                .filter(m -> forSignIn.contains(m.kind().id()) && !kinds.signInWays(m).isEmpty())
                .sorted((a, b) -> Boolean.compare(b.isDefault(), a.isDefault()))
                .toList();
    }
}
