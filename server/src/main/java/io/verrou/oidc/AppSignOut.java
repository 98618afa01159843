package io.verrou.oidc;

import io.verrou.signin.SignedOut;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Signing out of Verrou signs out of the apps too: what they were given in that sign-in (or, when every session of
 * the person ended, in any) stops working, refresh tokens included.
 */
@Component
class AppSignOut {

    private final JdbcAppAuthorizations authorizations;

    AppSignOut(JdbcAppAuthorizations authorizations) {
        this.authorizations = authorizations;
    }

    @EventListener
    void signedOut(SignedOut event) {
        event.signInId().ifPresentOrElse(
                signInId -> authorizations.removeSignIn(event.userId(), signInId),
                () -> authorizations.removeAll(event.userId()));
    }
}
