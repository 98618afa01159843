package io.verrou.method;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.verrou.tenant.MethodPolicy;
import io.verrou.tenant.MethodPolicyDefaults;
import io.verrou.user.User;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every method kind there is ({@link AuthMethodKind} beans), and what the features ask of them: the wizard's steps,
 * a method's name and ways, the reset portal's options, the policy's defaults. The kinds are looked up on first use,
 * not when this is made, as they in turn use services that use this.
 */
@Component
public class MethodKinds implements MethodPolicyDefaults {

    private final ObjectProvider<AuthMethodKind> provider;
    private volatile List<AuthMethodKind> kinds;

    public MethodKinds(ObjectProvider<AuthMethodKind> provider) {
        this.provider = provider;
    }

    /** Every kind, strongest first. */
    public List<AuthMethodKind> all() {
        List<AuthMethodKind> found = kinds;
        if (found == null) {
            found = provider.stream().sorted(Comparator.comparingInt(AuthMethodKind::strength)
                    .thenComparing(k -> k.kind().id())).toList();
            kinds = found;
        }
        return found;
    }

    /** The kind behind an identifier, when it is one this server has. */
    public Optional<AuthMethodKind> find(MethodKind kind) {
        return all().stream().filter(k -> k.kind() == kind).findFirst();
    }

    /** The kind of a method; methods of a kind this server no longer has are never handed out ({@link AuthMethods}). */
    public AuthMethodKind of(AuthMethod method) {
        return find(method.kind()).orElseThrow(() -> new IllegalStateException("No method kind " + method.kind()));
    }

    /** Strongest kind first, then as they were. */
    public Comparator<AuthMethod> strongestFirst() {
        return Comparator.comparingInt(m -> find(m.kind()).map(AuthMethodKind::strength).orElse(Integer.MAX_VALUE));
    }

    /** Whether methods of a kind can be the one sign-in starts with: those that prove a second factor. */
    public boolean canBeDefault(MethodKind kind) {
        return find(kind).map(AuthMethodKind::servesSignIn).orElse(false);
    }

    // ---- the policy ---------------------------------------------------------------------------------------

    @Override
    public List<MethodPolicy> defaults() {
        return all().stream().map(AuthMethodKind::defaultPolicy).toList();
    }

    /** What a policy row may allow: a kind that can't serve sign-in (or reset) is never allowed it. */
    public MethodPolicy allowedAtMost(MethodPolicy policy) {
        return find(MethodKind.of(policy.method()))
                .map(k -> new MethodPolicy(policy.method(), policy.enabled(), policy.forSignIn() && k.servesSignIn(),
                        policy.forReset() && k.servesReset()))
                .orElse(policy);
    }

    /** Whether the policy lets a person have a kind (and, with {@code forReset}, use it to reset their password). */
    public boolean allows(List<MethodPolicy> policies, AuthMethodKind kind, User user, boolean forReset) {
        return kind.allowedFor(user) && policies.stream().anyMatch(p -> p.method().equals(kind.kind().id())
                && p.enabled() && (!forReset || p.forReset()));
    }

    // ---- the wizard ---------------------------------------------------------------------------------------

    /** The wizard's steps, in the order it asks for them. */
    public List<SetupStep> steps() {
        return all().stream().map(AuthMethodKind::setup).flatMap(Optional::stream).toList();
    }

    /** The step of this form value, e.g. {@code APP}. */
    public Optional<SetupStep> step(String name) {
        return steps().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The step whose screens set up methods of this kind, or one meeting the same requirement. */
    public Optional<SetupStep> stepFor(MethodKind kind) {
        Optional<String> requirement = find(kind).flatMap(AuthMethodKind::requirement);
        return steps().stream().filter(s -> requirement.filter(s.requirement()::equals).isPresent()).findFirst();
    }

    /** The kinds whose methods meet a step's requirement. */
    public List<AuthMethodKind> meeting(SetupStep step) {
        return all().stream().filter(k -> k.requirement().filter(step.requirement()::equals).isPresent()).toList();
    }

    /** Whether {@code method} meets the step's requirement. */
    public boolean meets(SetupStep step, AuthMethod method) {
        return meeting(step).stream().anyMatch(k -> k.kind() == method.kind());
    }

    /** Whether any of {@code methods} meets the step's requirement. */
    public boolean isSatisfied(SetupStep step, List<AuthMethod> methods) {
        return methods.stream().anyMatch(m -> meets(step, m));
    }

    /**
     * Whether the policy offers a step to a person: it allows one of the kinds that meet it and the person may have
     * (with {@code forReset}, allows it for reset too).
     */
    public boolean offers(List<MethodPolicy> policies, SetupStep step, User user, boolean forReset) {
        return meeting(step).stream().anyMatch(kind -> allows(policies, kind, user, forReset));
    }

    /** What "Registration asks for" can name, most secure first. */
    public List<String> requirements() {
        return steps().stream().map(SetupStep::requirement).distinct().toList();
    }

    /** The addresses among {@code methods} that security notices go to, in their order. */
    public List<String> noticeAddresses(List<AuthMethod> methods) {
        return methods.stream().map(m -> of(m).noticeAddress(m)).flatMap(Optional::stream)
                .filter(address -> !address.isBlank()).toList();
    }

    // ---- sign-in ------------------------------------------------------------------------------------------

    /** The ways {@code method} proves the second factor. */
    public List<SignInWay> signInWays(AuthMethod method) {
        return of(method).signInWays(method);
    }

    /** The way a sign-in with {@code method} starts with: the one of its channel, else its first. */
    public Optional<SignInWay> startingWay(AuthMethod method) {
        List<SignInWay> ways = signInWays(method);
        return ways.stream().filter(w -> w.channel().isPresent() && w.channel().equals(method.channel())).findFirst()
                .or(() -> ways.stream().findFirst());
    }

    /** The choices "Change default method" offers for {@code method}. */
    public List<SignInWay> defaultChoices(AuthMethod method) {
        return signInWays(method).stream().filter(w -> w.defaultLabelKey().isPresent()).toList();
    }

    /**
     * The {@code amr} values (RFC 8176) of a factor authority a sign-in holds, e.g. {@code otp} for an app's code;
     * none for a factor no kind proves.
     */
    public List<String> amr(String factor) {
        return all().stream().flatMap(k -> k.proofs().stream())
                .filter(p -> p.definition().factor().filter(factor::equals).isPresent())
                .findFirst().map(Proof::amr).orElse(List.of());
    }

    // ---- reset --------------------------------------------------------------------------------------------

    /** The reset portal's options, in the order it lists them; kinds that prove the same way share one. */
    public List<ResetOption> resetOptions() {
        Map<String, List<ResetWay>> byId = new LinkedHashMap<>();
        all().stream().flatMap(k -> k.resetWays().stream())
                .sorted(Comparator.comparingInt(ResetWay::order))
                .forEach(way -> byId.computeIfAbsent(way.id(), id -> new ArrayList<>()).add(way));
        return byId.entrySet().stream().map(e -> new ResetOption(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    public Optional<ResetOption> resetOption(String id) {
        return resetOptions().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /**
     * One option of the reset portal and the kinds it proves.
     *
     * @param id   the form value
     * @param ways one per kind that offers it; they prove it the same way
     */
    public record ResetOption(String id, List<ResetWay> ways) {

        /** How it is proved. */
        public Proof proof() {
            return ways.get(0).proof();
        }

        /** What is typed again first, if anything. */
        public Optional<Retype> retype() {
            return ways.get(0).retype();
        }

        /** Whether it proves methods of this kind. */
        public boolean proves(MethodKind kind) {
            return ways.stream().anyMatch(w -> w.kind() == kind);
        }

        public Set<MethodKind> kinds() {
            return ways.stream().map(ResetWay::kind).collect(Collectors.toUnmodifiableSet());
        }
    }

    // ---- the admin API ------------------------------------------------------------------------------------

    /** A method in the admin API: Graph's shape, with {@code @odata.type} in Verrou's namespace. */
    public Map<String, Object> api(AuthMethod method) {
        AuthMethodKind kind = of(method);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.type", "#verrou." + kind.apiType());
        json.put("id", method.id().toString());
        json.put("createdDateTime", method.createdAt().toString());
        json.put("isDefault", method.isDefault());
        json.putAll(kind.apiFields(method));
        return json;
    }
}
