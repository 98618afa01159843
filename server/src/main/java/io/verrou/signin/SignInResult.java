package io.verrou.signin;

import java.time.Duration;

import io.verrou.user.User;

/**
 * How a password sign-in ended. A wrong password, an unknown name and a disabled account are all
 * {@link Failed}: the person is told the same thing in each case.
 */
public sealed interface SignInResult {

    /**
     * The password was right and the account may sign in; with {@code mustUpdatePassword}, it was a temporary
     * one the person replaces first.
     */
    record Succeeded(User user, boolean mustUpdatePassword) implements SignInResult {
    }

    /** The password was not accepted. */
    record Failed() implements SignInResult {
    }

    /** The password was a temporary one from an administrator, and it has expired. */
    record TemporaryExpired() implements SignInResult {
    }

    /** The name is locked; nothing was checked. */
    record Locked(Duration retryAfter) implements SignInResult {
    }
}
