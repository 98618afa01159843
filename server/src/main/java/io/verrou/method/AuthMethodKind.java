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

    /** What the kind is, in one value. */
    Definition definition();

    /** Whether the person may have it: e.g. no security questions for an administrator. */
    default boolean allowedFor(User user) {
        return true;
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

    /**
     * Every proof its sign-in ways use, whatever the method: what a token says of a factor ({@code amr}) is found
     * through them.
     */
    default List<Proof> proofs() {
        return List.of();
    }

    /** The ways it offers on the password reset portal. */
    default List<ResetWay> resetWays() {
        return List.of();
    }

    /** Its fields in the admin API beyond the common ones ({@code id}, {@code createdDateTime}, {@code isDefault}). */
    default Map<String, Object> apiFields(AuthMethod method) {
        return Map.of("displayName", method.label());
    }

    /** Its identifier in the policy and the database. */
    default MethodKind kind() {
        return definition().kind();
    }

    /**
     * Its place among the kinds, strongest first (lowest): the order the wizard asks in, lists show, and a new default
     * is picked in when the default is deleted.
     */
    default int strength() {
        return definition().strength();
    }

    /** Whether it can serve as a second factor at all; the policy can only narrow it. */
    default boolean servesSignIn() {
        return definition().servesSignIn();
    }

    /** Whether it can serve password reset at all; the policy can only narrow it. */
    default boolean servesReset() {
        return definition().servesReset();
    }

    /** What a new organisation's policy allows it for: everything it can serve. */
    default MethodPolicy defaultPolicy() {
        return new MethodPolicy(kind().id(), true, servesSignIn(), servesReset());
    }

    /**
     * What a method of this kind gives the policy's "Registration asks for", e.g. {@code authenticator} for any app;
     * empty for a kind people don't register (a Temporary Access Pass).
     */
    default Optional<String> requirement() {
        return definition().requirement();
    }

    /** Its own setup screens in the wizard, when it has them. */
    default Optional<SetupStep> setup() {
        return definition().setup();
    }

    /** Whether Security info offers "Change" for its methods: set up again through its screens, keeping the method. */
    default boolean changeable() {
        return definition().changeable();
    }

    /** Its {@code @odata.type} in the admin API, after {@code #verrou.}: Graph's name where Graph has one. */
    default String apiType() {
        return definition().apiType();
    }

    /**
     * What a kind is.
     *
     * @param kind         its identifier
     * @param strength     its place among the kinds, strongest (lowest) first
     * @param servesSignIn whether it can be a second factor
     * @param servesReset  whether it can serve password reset
     * @param requirement  what it meets of "Registration asks for", if anything
     * @param setup        its own wizard step, if it has one
     * @param changeable   whether its methods can be changed in place
     * @param apiType      its type in the admin API
     */
    record Definition(MethodKind kind, int strength, boolean servesSignIn, boolean servesReset,
            Optional<String> requirement, Optional<SetupStep> setup, boolean changeable, String apiType) {

        /** A kind that serves nothing yet, meets no requirement and has no screens. */
        public static Definition of(MethodKind kind, int strength, String apiType) {
            return new Definition(kind, strength, false, false, Optional.empty(), Optional.empty(), false, apiType);
        }

        public Definition servingSignIn() {
            return new Definition(kind, strength, true, servesReset, requirement, setup, changeable, apiType);
        }

        public Definition servingReset() {
            return new Definition(kind, strength, servesSignIn, true, requirement, setup, changeable, apiType);
        }

        /** It meets {@code meets} of "Registration asks for", through another kind's step. */
        public Definition meeting(String meets) {
            return new Definition(kind, strength, servesSignIn, servesReset, Optional.of(meets), setup, changeable, apiType);
        }

        /** Its own step sets it up, and it meets what the step meets. */
        public Definition setUpBy(SetupStep step) {
            return new Definition(kind, strength, servesSignIn, servesReset, Optional.of(step.requirement()),
                    Optional.of(step), changeable, apiType);
        }

        public Definition changeableInPlace() {
            return new Definition(kind, strength, servesSignIn, servesReset, requirement, setup, true, apiType);
        }
    }
}
