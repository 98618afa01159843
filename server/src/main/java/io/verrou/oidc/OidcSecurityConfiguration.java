package io.verrou.oidc;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.signin.SignInDetails;
import io.verrou.signin.SignInSessions;
import io.verrou.signin.SignOutAuditHandler;
import io.verrou.user.SignedInUser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OpenID Connect provider (SPEC S12): the authorization server's endpoints under each organisation's issuer,
 * its state in our tables, its keys sealed in the database, and its sign-in our own pages.
 */
@Configuration(proxyBeanMethods = false)
class OidcSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain oidcFilterChain(HttpSecurity http, Issuers issuers, JdbcAppRepository apps,
            JdbcAppAuthorizations authorizations, AuthorizeGate gate, KeyedHash hashes, RequestCache requestCache, SecurityContextRepository contexts,
            SignOutAuditHandler signOutAudit, AuditLog audit) throws Exception {
        PasswordEncoder secrets = AppRegistrations.secretEncoder(hashes);
        http.oauth2AuthorizationServer(as -> as.registeredClientRepository(apps)
                        .authorizationService(authorizations)
                        .authorizationEndpoint(endpoint -> endpoint
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
                                        request.setAuthenticationValidator(gate::validate);
                                    }
                                })))
                        .clientAuthentication(clients -> clients
                                .authenticationConverters(converters -> converters.add(0, PublicClientTokenRequests.converter()))
                                .authenticationProviders(providers -> {
                                    providers.add(0, PublicClientTokenRequests.provider(apps));
                                    providers.forEach(provider -> {
                                        if (provider instanceof ClientSecretAuthenticationProvider secret) {
                                            secret.setPasswordEncoder(secrets);
                                        }
                                    });
                                }))
                        .oidc(oidc -> oidc
                                .providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(
                                        metadata -> metadata
                                                .claim("acr_values_supported", AuthenticationContext.ACR_VALUES)
                                                .claim("claims_supported", List.of("sub", "iss", "aud", "exp", "iat",
                                                        "auth_time", "sid", "amr", "acr", "email", "name",
                                                        "preferred_username", "locale"))
                                                .claim("claims_parameter_supported", true)
                                                .claim("backchannel_logout_supported", true)
                                                .claim("backchannel_logout_session_supported", true)
                                                .claim("ui_locales_supported", List.of("en", "fr"))))
                                .logoutEndpoint(logout -> logout
                                        // Our sid names the sign-in, not a session id (which changes with each factor):
                                        // the handler below compares it.
                                        .authenticationProviders(providers -> {
                                            providers.removeIf(p -> p instanceof OidcLogoutAuthenticationProvider);
                                            providers.add(new OidcLogoutAuthenticationProvider(apps, authorizations,
                                                    new SessionRegistryImpl()));
                                        })
                                        .logoutResponseHandler(signOut(signOutAudit, authorizations)))));
        OAuth2AuthorizationServerConfigurer server = http.getConfigurer(OAuth2AuthorizationServerConfigurer.class);
        http.securityMatcher(server.getEndpointsMatcher())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(requestCache))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/signin"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .addFilterBefore(new IssuerFilter(issuers), SecurityContextHolderFilter.class)
                .addFilterAfter(gate.filter(), AbstractPreAuthenticatedProcessingFilter.class)
                .addFilterBefore(new AppSignInAudit(apps, issuers, audit), AuthorizationFilter.class);
        return http.build();
    }

    /** Every issuer under one host: {@code {base}/t/{organisation}/…}. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
    }

    /** ID and access tokens as JWTs with our claims, and refresh tokens for public clients too. */
    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder encoder, TokenClaims claims, SecureRandom random) {
        JwtGenerator jwts = new JwtGenerator(encoder);
        jwts.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(),
                new PublicClientRefreshTokens(random));
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new NimbusJwtEncoder(keys);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    /**
     * The end-session endpoint signs the person out of Verrou as {@code /signout} does (audited, every app's
     * tokens of that sign-in ended) when the browser is still in the sign-in the ID token names; what that sign-in
     * gave apps ends in any case, even when the browser had already signed out.
     */
    private static OidcLogoutAuthenticationSuccessHandler signOut(SignOutAuditHandler signOutAudit,
            JdbcAppAuthorizations authorizations) {
        OidcLogoutAuthenticationSuccessHandler handler = new OidcLogoutAuthenticationSuccessHandler();
        SecurityContextLogoutHandler session = new SecurityContextLogoutHandler();
        handler.setLogoutHandler((request, response, authentication) -> {
            if (!(authentication instanceof OidcLogoutAuthenticationToken logout)) {
                return;
            }
            String sid = logout.getIdToken().getClaimAsString("sid");
            String subject = logout.getIdToken().getSubject();
            if (sid != null && subject != null) {
                try {
                    authorizations.removeSignIn(UUID.fromString(subject), sid);
                } catch (IllegalArgumentException notOurs) {
                    // An ID token of ours always names an account by its id.
                }
            }
            if (logout.isPrincipalAuthenticated() && sid != null
                    && SignInDetails.of((Authentication) logout.getPrincipal()).map(SignInDetails::signInId)
                            .filter(sid::equals).isPresent()) {
                // The browser is still in the sign-in the app names: it ends here too.
                Authentication person = (Authentication) logout.getPrincipal();
                signOutAudit.logout(request, response, person);
                session.logout(request, response, person);
            }
        });
        return handler;
    }

    /** Recent activity and the audit log name the app a person signed in to, when its code is given. */
    private static final class AppSignInAudit extends OncePerRequestFilter {

        private final JdbcAppRepository apps;
        private final Issuers issuers;
        private final AuditLog audit;

        AppSignInAudit(JdbcAppRepository apps, Issuers issuers, AuditLog audit) {
            this.apps = apps;
            this.issuers = issuers;
            this.audit = audit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            String location = response.getHeader("Location");
            Authentication person = SecurityContextHolder.getContext().getAuthentication();
            if (!(request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName())
                    instanceof OAuth2AuthorizationCodeRequestAuthenticationToken valid)
                    || location == null || !location.matches(".*[?&]code=.*") || person == null
                    || !(person.getPrincipal() instanceof SignedInUser user)) {
                return;
            }
            Optional<UUID> tenantId = issuers.currentTenantId();
            Optional<App> app = tenantId.flatMap(t -> apps.findByClientId(t, valid.getClientId()));
            if (request.getSession(false) != null) {
                request.getSession(false).removeAttribute(SignInSessions.APP_ORIGIN);
            }
            app.ifPresent(a -> audit.record(AuditEvent.of(AuditEventType.APP_SIGN_IN, AuditResult.SUCCESS, user.email(),
                            ClientInfo.from(request))
                    .forUser(user.tenantId(), user.userId()).because(a.clientId()).withDetail(a.name())));
        }
    }
}
