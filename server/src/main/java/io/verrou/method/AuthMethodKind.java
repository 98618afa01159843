package io.verrou.method;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.verrou.tenant.MethodPolicy;
import io.verrou.user.User;

/**
 * A kind of security info, as a plug-in: what it is, who may have it, what it serves, how it is set up and how it is
 * used at sign-in and at reset. One bean per kind, in the kind's own package beside its setup screens; the wizard,
 * Security info, sign-in, reset, the policy, the report and the API find every kind through {@link MethodKinds} and
 * never name one. Its texts follow its identifier: {@code method.kind.<id>} names it on pages,
 * {@code admin.policy.method.<id>} on the policy page. See DESIGN.md, "How to add a method kind".
 */
public interface AuthMethodKind {

    /** Its identifier in the policy and the database. */
    MethodKind kind();

    /**
     * Its place among the kinds, strongest first (lowest): the order the wizard asks in, lists show, and a new default
     * is picked in when the default is deleted.
     */
    int strength();

    /** What a new organisation's policy allows it for. */
    MethodPolicy defaultPolicy();

    /** Whether it can serve as a second factor at all; the policy can only narrow it. */
    boolean servesSignIn();

    /** Whether it can serve password reset at all; the policy can only narrow it. */
    boolean servesReset();

    /** Whether the person may have it: e.g. no security questions for an administrator. */
    default boolean allowedFor(User user) {
        return true;
    }

    /**
     * What a method of this kind gives the policy's "Registration asks for", e.g. {@code authenticator} for any app;
     * empty for a kind people don't register (a Temporary Access Pass).
     */
    Optional<String> requirement();

    /** Its own setup screens in the wizard, when it has them. */
    default Optional<SetupStep> setup() {
        return Optional.empty();
    }

    /** Whether Security info offers "Change" for its methods: set up again through its screens, keeping the method. */
    default boolean changeable() {
        return false;
    }

    /** What a method reaches, as pages show it: masked ({@code +33 6•• •• •• 78}), or empty. */
    default String shownDetail(AuthMethod method) {
        return "";
    }

    /** The address security notices go to, when a method of this kind is one. */
    default Optional<String> noticeAddress(AuthMethod method) {
        return Optional.empty();
    }

    /** The ways a method of this kind proves the second factor, the one sign-in starts with first. */
    default List<SignInWay> signInWays(AuthMethod method) {
        return List.of();
    }

    /** The ways it offers on the password reset portal. */
    default List<ResetWay> resetWays() {
        return List.of();
    }

    /** Its {@code @odata.type} in the admin API, after {@code #verrou.}, Graph's name where Graph has one. */
    String apiType();

    /** Its fields in the admin API beyond the common ones ({@code id}, {@code createdDateTime}, {@code isDefault}). */
    default Map<String, Object> apiFields(AuthMethod method) {
        return Map.of("displayName", method.label());
    }
}
