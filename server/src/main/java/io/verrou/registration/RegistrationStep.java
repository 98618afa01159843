package io.verrou.registration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.verrou.method.AuthMethod;
import io.verrou.method.MethodKind;

/**
 * A step of the "Keep your account secure" wizard, most secure first: which policy requirement it meets,
 * which kinds of method meet it, and where its setup page is.
 */
public enum RegistrationStep {
    /** An authenticator app: the Verrou Authenticator, or any standard app that shows codes. */
    APP("authenticator", Set.of(MethodKind.AUTHENTICATOR, MethodKind.TOTP), "/register/authenticator"),
    PHONE("mobile_phone", Set.of(MethodKind.MOBILE_PHONE), "/register/phone"),
    /** Password reset only. */
    EMAIL("email", Set.of(MethodKind.EMAIL), "/register/email"),
    /** Password reset only; never for admins. */
    QUESTIONS("questions", Set.of(MethodKind.QUESTIONS), "/register/questions");

    private final String requirement;
    private final Set<MethodKind> satisfiedBy;
    private final String path;

    RegistrationStep(String requirement, Set<MethodKind> satisfiedBy, String path) {
        this.requirement = requirement;
        this.satisfiedBy = satisfiedBy;
        this.path = path;
    }

    /** The policy's name for what it asks, e.g. {@code mobile_phone}. */
    public String requirement() {
        return requirement;
    }

    public String path() {
        return path;
    }

    /** The message key of its name in the stepper. */
    public String nameKey() {
        return "register.step." + name().toLowerCase();
    }

    public boolean isSatisfiedBy(List<AuthMethod> methods) {
        return methods.stream().anyMatch(m -> satisfiedBy.contains(m.kind()));
    }

    public static Optional<RegistrationStep> forRequirement(String requirement) {
        return Arrays.stream(values()).filter(s -> s.requirement.equals(requirement)).findFirst();
    }
}
