package io.verrou.oidc;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens for every app that may refresh, public clients included (SPEC S12: a browser or mobile app keeps
 * its person signed in without a secret). What makes that safe is that each is good once ({@link JdbcAppAuthorizations}).
 */
final class PublicClientRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    private final SecureRandom random;

    PublicClientRefreshTokens(SecureRandom random) {
        this.random = random;
    }

    @Override
    public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
            return null;
        }
        byte[] value = new byte[48];
        random.nextBytes(value);
        // The authorization server's own clock: the tokens it checks this against carry its times, not ours.
        Instant issuedAt = Instant.now();
        return new OAuth2RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(value), issuedAt,
                issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
    }
}
