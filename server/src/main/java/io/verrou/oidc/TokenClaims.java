package io.verrou.oidc;

import java.util.Date;
import java.util.Optional;
import java.util.Set;

import io.verrou.signin.SignInDetails;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims of the tokens a person's sign-in gives an app (SPEC S12): in the ID token {@code sub} (the account's
 * id, stable through renames), {@code auth_time}, {@code sid}, {@code amr}, {@code acr}, and with the {@code email}
 * and {@code profile} scopes the address, the name and the language; the access token says how the person proved
 * who they are too, for the APIs that check it.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final AuthenticationContext proofs;
    private final JdbcUserRepository users;

    TokenClaims(AuthenticationContext proofs, JdbcUserRepository users) {
        this.proofs = proofs;
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        Authentication principal = context.getPrincipal();
        if (!(principal.getPrincipal() instanceof SignedInUser signedIn)) {
            // An app acting as itself (client credentials): no person, nothing to add.
            return;
        }
        JwtClaimsSet.Builder claims = context.getClaims();
        claims.subject(signedIn.userId().toString());
        claims.claim("amr", proofs.amr(principal));
        claims.claim("acr", proofs.acr(principal));
        Optional<SignInDetails> details = SignInDetails.of(principal);
        details.ifPresent(d -> claims.claim("auth_time", Date.from(d.signedInAt())));
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                && !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        details.ifPresent(d -> claims.claim("sid", d.signInId()));
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return;
        }
        Set<String> scopes = context.getAuthorizedScopes();
        Optional<User> user = users.findById(signedIn.userId());
        if (user.isEmpty()) {
            return;
        }
        if (scopes.contains(OidcScopes.EMAIL)) {
            claims.claim("email", user.get().email());
        }
        if (scopes.contains(OidcScopes.PROFILE)) {
            claims.claim("name", user.get().displayName());
            claims.claim("preferred_username", user.get().email());
            claims.claim("locale", users.language(signedIn.userId()).toLanguageTag());
        }
    }
}
