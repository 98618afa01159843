package io.verrou.method;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of security info, strongest first (SPEC S4). The order is the one the wizard asks in and the
 * one that picks a new default when the default is deleted.
 */
public enum MethodKind {
    PASSKEY("passkey", true),
    AUTHENTICATOR("authenticator", true),
    TOTP("totp", true),
    MOBILE_PHONE("mobile_phone", true),
    OFFICE_PHONE("office_phone", true),
    ALTERNATE_PHONE("alternate_phone", true),
    EMAIL("email", false),
    QUESTIONS("questions", false);

    private final String id;
    private final boolean canBeDefault;

    MethodKind(String id, boolean canBeDefault) {
        this.id = id;
        this.canBeDefault = canBeDefault;
    }

    /** The identifier used in the policy and the database. */
    public String id() {
        return id;
    }

    /** Whether it can be the method a sign-in starts with. */
    public boolean canBeDefault() {
        return canBeDefault;
    }

    public static Optional<MethodKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
