package io.verrou.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an admin API token may do (SPEC S11), chosen when it is made: a token that only reads the report can't
 * delete anyone's methods.
 */
public enum ApiScope {
    /** Read people, and who has registered what. */
    USERS_READ("users.read"),
    /** Read people's authentication methods. */
    METHODS_READ("methods.read"),
    /** Delete people's authentication methods. */
    METHODS_DELETE("methods.delete"),
    /** Issue and revoke Temporary Access Passes. */
    PASSES_MANAGE("passes.manage"),
    /** Register, list and remove apps, and make their secrets. */
    APPLICATIONS_MANAGE("applications.manage");

    private final String id;

    ApiScope(String id) {
        this.id = id;
    }

    /** How the token, the console and the documentation name it, e.g. {@code users.read}. */
    public String id() {
        return id;
    }

    /** The authority a token with this scope holds. */
    String authority() {
        return "SCOPE_" + id;
    }

    public static Optional<ApiScope> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
