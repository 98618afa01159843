package io.verrou.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An app registered to sign people in through its organisation's issuer (SPEC S12).
 *
 * @param id                    Verrou's id of the registration
 * @param tenantId              the organisation it belongs to; its issuer is the only one that knows it
 * @param clientId              what the app sends as {@code client_id}
 * @param name                  shown to administrators and, in Recent activity, to people
 * @param publicClient          a browser or mobile app that can keep no secret: PKCE instead of a secret
 * @param redirectUris          exact URIs the sign-in may return to
 * @param postLogoutUris        exact URIs signing out may return to
 * @param scopes                what the app may ask for ({@code openid} and others)
 * @param requiresMfa           every sign-in to the app needs a second factor, whatever the policy
 * @param backchannelLogoutUri  where Verrou tells the app that a sign-in ended, if it asked to be told
 * @param accessTokenLifetime   how long an access token (and an ID token) lasts
 * @param refreshTokenLifetime  how long a refresh token lasts unused
 * @param createdAt             when it was registered
 * @param secretRotatedAt       when its secret was last made, for a confidential app
 */
public record App(UUID id, UUID tenantId, String clientId, String name, boolean publicClient,
        List<String> redirectUris, List<String> postLogoutUris, List<String> scopes, boolean requiresMfa,
        Optional<String> backchannelLogoutUri, Duration accessTokenLifetime, Duration refreshTokenLifetime,
        Instant createdAt, Optional<Instant> secretRotatedAt) {

    public App {
        redirectUris = List.copyOf(redirectUris);
        postLogoutUris = List.copyOf(postLogoutUris);
        scopes = List.copyOf(scopes);
    }
}
