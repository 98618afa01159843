package io.verrou.tenant;

/**
 * Whether a tenant allows one kind of authentication method, and what for (SPEC S11).
 *
 * @param method    the method kind's identifier, e.g. {@code authenticator}, {@code mobile_phone}
 * @param enabled   whether people may register and use it at all
 * @param forSignIn whether it serves as a second factor at sign-in
 * @param forReset  whether it serves to reset a forgotten password
 */
public record MethodPolicy(String method, boolean enabled, boolean forSignIn, boolean forReset) {
}
