package io.verrou.oidc;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client (a browser or mobile app, SPEC S12) refreshing its tokens or revoking one: it has no secret and no
 * code verifier to show at that point, so it is known by its {@code client_id} alone. What keeps a stolen refresh
 * token from serving long is rotation on every use and the revocation of the family when one is used twice.
 */
final class PublicClientTokenRequests {

    /** Marks the requests this converter read, so that the provider answers only those. */
    private static final String PUBLIC_TOKEN_REQUEST = PublicClientTokenRequests.class.getName();

    private PublicClientTokenRequests() {
    }

    /** Reads {@code client_id} from a refresh or revocation request that carries no other client credentials. */
    static AuthenticationConverter converter() {
        return request -> {
            if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
                return null;
            }
            boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
            boolean revocation = request.getRequestURI().endsWith("/oauth2/revoke");
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (!(refresh || revocation) || clientIds == null) {
                return null;
            }
            if (clientIds.length != 1 || clientIds[0].isBlank()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
                    parameters(request));
        };
    }

    private static Map<String, Object> parameters(HttpServletRequest request) {
        Map<String, Object> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
                parameters.put(name, values.length == 1 ? values[0] : values);
            }
        });
        parameters.put(PUBLIC_TOKEN_REQUEST, Boolean.TRUE);
        return parameters;
    }

    /** Accepts such a request from a registered public client, and refuses it from any other. */
    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public @Nullable Authentication authenticate(Authentication authentication) {
                OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
                if (!Boolean.TRUE.equals(request.getAdditionalParameters().get(PUBLIC_TOKEN_REQUEST))) {
                    return null;
                }
                RegisteredClient client = clients.findByClientId((String) request.getPrincipal());
                if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
