package io.verrou.passwordreset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.verrou.method.MethodKind;

/**
 * The ways to prove who you are on the reset portal (SPEC S9), in the order the page lists them. Each uses one
 * kind of security info; the authenticator app serves two of them.
 */
enum ResetOption {
    APP_NOTIFICATION("authenticator"),
    APP_CODE("authenticator"),
    SMS("mobile_phone"),
    VOICE("mobile_phone"),
    EMAIL("email"),
    QUESTIONS("questions");

    /** The method in the tenant's policy that must allow reset for this option to be offered. */
    private final String policyMethod;

    ResetOption(String policyMethod) {
        this.policyMethod = policyMethod;
    }

    /** Whether this option proves possession of a method of that kind. */
    boolean uses(MethodKind kind) {
        return switch (this) {
            case APP_NOTIFICATION -> kind == MethodKind.AUTHENTICATOR;
            case APP_CODE -> kind == MethodKind.AUTHENTICATOR || kind == MethodKind.TOTP;
            case SMS, VOICE -> kind == MethodKind.MOBILE_PHONE;
            case EMAIL -> kind == MethodKind.EMAIL;
            case QUESTIONS -> kind == MethodKind.QUESTIONS;
        };
    }

    /** Whether it proves a method that also serves sign-in (an app, a phone), not only reset. */
    boolean provesSignInMethod() {
        return this != EMAIL && this != QUESTIONS;
    }

    /** Whether a policy row for {@code method} offers this option. Codes from other apps count as app codes. */
    boolean offeredBy(String method) {
        return policyMethod.equals(method) || (this == APP_CODE && "totp".equals(method));
    }

    /** The form value and the end of its message key: {@code app_code}, {@code sms}… */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ResetOption> fromId(String id) {
        return Arrays.stream(values()).filter(o -> o.id().equals(id)).findFirst();
    }
}
