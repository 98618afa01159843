package io.verrou.signin;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * What stays the same for the whole of one sign-in, whatever factors are added to it and however often its session
 * id is renewed: an id that apps are told as {@code sid} (so that signing out can end what they were given) and the
 * moment the person signed in ({@code auth_time}).
 *
 * @param signInId   random, URL-safe
 * @param signedInAt when the sign-in began (the password, or a Temporary Access Pass)
 */
public record SignInDetails(String signInId, Instant signedInAt) implements Serializable {

    /** The details of a signed-in session; none for a session signed in before they existed. */
    public static Optional<SignInDetails> of(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof SignInDetails details
                ? Optional.of(details) : Optional.empty();
    }
}
