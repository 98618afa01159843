package io.verrou.signin;

import java.util.Optional;
import java.util.UUID;

/**
 * A person signed out of one sign-in, or all their sessions were ended ({@code signInId} empty): by "Sign out
 * everywhere", a password reset or an administrator. What apps were given in those sign-ins ends with them.
 *
 * @param userId   whose sessions
 * @param signInId the one sign-in that ended ({@link SignInDetails#signInId()}); empty for all of them
 */
public record SignedOut(UUID userId, Optional<String> signInId) {
}
