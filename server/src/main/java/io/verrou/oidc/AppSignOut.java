package io.verrou.oidc;

import io.verrou.signin.SignedOut;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Signing out of Verrou signs out of the apps too: what they were given in that sign-in (or, when every session of
 * the person ended, in any) stops working, refresh tokens included, and those that asked to be told are told.
 */
@Component
class AppSignOut {

    private final JdbcAppAuthorizations authorizations;
    private final BackChannelLogout backChannel;

    AppSignOut(JdbcAppAuthorizations authorizations, BackChannelLogout backChannel) {
        this.authorizations = authorizations;
        this.backChannel = backChannel;
    }

    @EventListener
    void signedOut(SignedOut event) {
        backChannel.tell(authorizations.toTell(event.userId(), event.signInId()));
        event.signInId().ifPresentOrElse(
                signInId -> authorizations.removeSignIn(event.userId(), signInId),
                () -> authorizations.removeAll(event.userId()));
    }
}
