package io.verrou.signin;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.MethodPolicy;

import org.springframework.stereotype.Component;

/**
 * Whether a person must prove a second factor (SPEC S2.3b, S5): their organisation requires MFA and they
 * have at least one method that serves sign-in. Someone with none is sent to register instead.
 */
@Component
public class SecondFactorRequirement {

    /** The kinds this version can verify at sign-in. */
    static final Set<MethodKind> VERIFIABLE = Set.of(MethodKind.AUTHENTICATOR, MethodKind.TOTP, MethodKind.MOBILE_PHONE);

    private final AuthMethods methods;
    private final JdbcTenantRepository tenants;

    public SecondFactorRequirement(AuthMethods methods, JdbcTenantRepository tenants) {
        this.methods = methods;
        this.tenants = tenants;
    }

    public boolean appliesTo(UUID userId, UUID tenantId) {
        return tenants.policy(tenantId).mfaRequired() && !usable(userId, tenantId).isEmpty();
    }

    /** The person's methods that can prove a second factor now, default first, then strongest first. */
    public List<AuthMethod> usable(UUID userId, UUID tenantId) {
        List<String> forSignIn = tenants.methodPolicies(tenantId).stream()
                .filter(p -> p.enabled() && p.forSignIn()).map(MethodPolicy::method).toList();
        return methods.of(userId).stream()
                .filter(m -> VERIFIABLE.contains(m.kind()) && forSignIn.contains(m.kind().id()))
                .sorted((a, b) -> Boolean.compare(b.isDefault(), a.isDefault()))
                .toList();
    }
}
