package io.verrou.oidc;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.verrou.signin.Factors;
import io.verrou.signin.MfaAuthorizationManager;
import io.verrou.signin.SecondFactorRequirement;
import io.verrou.signin.SignInDetails;
import io.verrou.signin.SignInSessions;
import io.verrou.signin.TypedSignInNames;
import io.verrou.user.SignInName;
import io.verrou.user.SignedInUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whether an app's sign-in request may be answered with a code now, and if not what the person must do first (SPEC
 * S12): sign in (no session at this organisation, {@code prompt=login}, a sign-in older than {@code max_age}) or
 * prove a second factor (the policy asks for it, the app is registered as requiring it, or it asks with
 * {@code acr_values} or an essential {@code acr} claim). With {@code prompt=none} the app hears why at once; otherwise
 * the person is taken through our own pages and comes back to the request.
 */
@Component
class AuthorizeGate {

    /** What stands between the request and its code. */
    enum Need {
        NOTHING,
        SIGN_IN,
        SECOND_FACTOR,
        /** A second factor is needed, and the person has no security info to prove one with. */
        NO_METHOD
    }

    /** Parameters that asked for a fresh sign-in: met by the one the person is sent to, so not asked again. */
    private static final Set<String> MET_BY_SIGNING_IN = Set.of("prompt", "max_age");
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final SecondFactorRequirement requirement;
    private final MfaAuthorizationManager mfaDone;
    private final TypedSignInNames typedNames;
    private final LocaleResolver locales;
    private final RequestCache requestCache;
    private final SecurityContextRepository contexts;
    private final Issuers issuers;
    private final JdbcAppRepository apps;
    private final JsonMapper json;
    private final Clock clock;

    AuthorizeGate(SecondFactorRequirement requirement, TypedSignInNames typedNames, LocaleResolver locales,
            RequestCache requestCache, SecurityContextRepository contexts, Issuers issuers, JdbcAppRepository apps,
            JsonMapper json, Clock clock) {
        this.requirement = requirement;
        this.mfaDone = MfaAuthorizationManager.mfaDone(requirement, clock);
        this.typedNames = typedNames;
        this.locales = locales;
        this.requestCache = requestCache;
        this.contexts = contexts;
        this.issuers = issuers;
        this.apps = apps;
        this.json = json;
        this.clock = clock;
    }

    Need need(Authentication authentication, UUID tenantId, RegisteredClient client, Map<String, Object> parameters) {
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof SignedInUser user) || !user.tenantId().equals(tenantId)) {
            return Need.SIGN_IN;
        }
        Set<String> prompt = words(parameters.get("prompt"));
        if (prompt.contains("login")) {
            return Need.SIGN_IN;
        }
        Optional<Duration> maxAge = maxAge(parameters.get("max_age"));
        if (maxAge.isPresent()) {
            boolean fresh = SignInDetails.of(authentication)
                    .map(d -> !d.signedInAt().plus(maxAge.get()).isBefore(clock.instant())).orElse(false);
            if (!fresh) {
                return Need.SIGN_IN;
            }
        }
        boolean demanded = Boolean.TRUE.equals(client.getClientSettings().getSetting(JdbcAppRepository.REQUIRES_MFA))
                || words(parameters.get("acr_values")).contains(AuthenticationContext.ACR_MFA)
                || essentialMfa(parameters.get("claims"));
        boolean proved = demanded ? Factors.mfaDone(authentication) : mfaDone.satisfied(authentication);
        if (proved) {
            return Need.NOTHING;
        }
        return requirement.usable(user.userId(), user.tenantId()).isEmpty() ? Need.NO_METHOD : Need.SECOND_FACTOR;
    }

    private static Set<String> words(Object value) {
        return value instanceof String s && !s.isBlank() ? Set.of(s.strip().split("\\s+")) : Set.of();
    }

    private static Optional<Duration> maxAge(Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > 10) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(s.strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code claims={"id_token":{"acr":{"essential":true,"values":["urn:verrou:acr:mfa"]}}}} (OIDC Core 5.5.1.1). */
    private boolean essentialMfa(Object claims) {
        if (!(claims instanceof String s) || s.isBlank() || s.length() > 4000) {
            return false;
        }
        try {
            JsonNode acr = json.readTree(s).path("id_token").path("acr");
            if (!acr.path("essential").asBoolean(false)) {
                return false;
            }
            if (AuthenticationContext.ACR_MFA.equals(acr.path("value").asString(""))) {
                return true;
            }
            for (JsonNode value : acr.path("values")) {
                if (AuthenticationContext.ACR_MFA.equals(value.asString(""))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks a valid request before the authorization server answers it: with {@code prompt=none}, anything still to
     * do goes back to the app as {@code login_required} or {@code interaction_required}, with its {@code state}.
     */
    void validate(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
        OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(context);
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        boolean missingPkce = context.getRegisteredClient().getClientSettings().isRequireProofKey()
                && !StringUtils.hasText((String) request.getAdditionalParameters().get("code_challenge"));
        if (missingPkce || !words(request.getAdditionalParameters().get("prompt")).contains("none")) {
            // A request that fails PKCE hears so (from the check after this one) before it hears about the sign-in.
            return;
        }
        Optional<UUID> tenantId = issuers.currentTenantId();
        Need need = tenantId.isEmpty() ? Need.SIGN_IN
                : need((Authentication) request.getPrincipal(), tenantId.get(), context.getRegisteredClient(),
                        request.getAdditionalParameters());
        if (need != Need.NOTHING) {
            throw toApp(request, context.getRegisteredClient(),
                    need == Need.SIGN_IN ? "login_required" : "interaction_required");
        }
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException toApp(
            OAuth2AuthorizationCodeRequestAuthenticationToken request, RegisteredClient client, String error) {
        String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
                : client.getRedirectUris().iterator().next();
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
                redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(error), answer);
    }

    /** The filter that takes the person through sign-in, after the request was found valid and before it is answered. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!(request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName())
                        instanceof OAuth2AuthorizationCodeRequestAuthenticationToken valid)
                        || issuers.currentTenantId().isEmpty()) {
                    // Not a sign-in request, or one the authorization server will refuse itself.
                    chain.doFilter(request, response);
                    return;
                }
                Authentication current = SecurityContextHolder.getContext().getAuthentication();
                Map<String, Object> parameters = valid.getAdditionalParameters();
                RegisteredClient client = apps.findByClientId(valid.getClientId());
                Need need = client == null ? Need.NOTHING : need(current, issuers.currentTenantId().get(), client, parameters);
                switch (need) {
                    case NOTHING -> chain.doFilter(request, response);
                    case SIGN_IN -> {
                        returnTo(request, valid, client);
                        signIn(request, response, current, parameters);
                    }
                    case SECOND_FACTOR -> {
                        returnTo(request, valid, client);
                        requestCache.saveRequest(request, response);
                        response.sendRedirect(request.getContextPath() + "/signin/verify");
                    }
                    case NO_METHOD -> response.sendRedirect(UriComponentsBuilder
                            .fromUriString(StringUtils.hasText(valid.getRedirectUri()) ? valid.getRedirectUri()
                                    : client.getRedirectUris().iterator().next())
                            .queryParam("error", OAuth2ErrorCodes.ACCESS_DENIED)
                            .queryParam("error_description", "{description}")
                            .queryParamIfPresent("state", Optional.ofNullable(valid.getState()).map(s -> "{state}"))
                            .encode()
                            .buildAndExpand(Map.of("description", "A second factor is needed and none is registered",
                                    "state", Optional.ofNullable(valid.getState()).orElse("")))
                            .toUriString());
                }
            }
        };
    }

    /** Lets the sign-in's forms lead back to the app (see {@link SignInSessions#APP_ORIGIN}). */
    private static void returnTo(HttpServletRequest request, OAuth2AuthorizationCodeRequestAuthenticationToken valid,
            RegisteredClient client) {
        String redirect = StringUtils.hasText(valid.getRedirectUri()) ? valid.getRedirectUri()
                : client.getRedirectUris().iterator().next();
        URI uri = URI.create(redirect);
        if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            request.getSession(true).setAttribute(SignInSessions.APP_ORIGIN, origin);
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, Authentication current,
            Map<String, Object> parameters) throws IOException {
        if (current != null && current.getPrincipal() instanceof SignedInUser) {
            // A fresh sign-in was asked for, or one at this organisation: the one this browser holds gives way.
            SecurityContextHolder.clearContext();
            contexts.saveContext(new SecurityContextImpl(), request, response);
        }
        if (parameters.get("login_hint") instanceof String hint) {
            SignInName.parse(hint).ifPresent(name -> typedNames.remember(name, request, response));
        }
        if (parameters.get("ui_locales") instanceof String wanted) {
            Arrays.stream(wanted.strip().split("\\s+"))
                    .map(tag -> Locale.forLanguageTag(tag).getLanguage())
                    .flatMap(language -> LANGUAGES.stream().filter(l -> l.getLanguage().equals(language)))
                    .findFirst()
                    .ifPresent(locale -> locales.setLocale(request, response, locale));
        }
        requestCache.saveRequest(new Without(request, MET_BY_SIGNING_IN), response);
        response.sendRedirect(request.getContextPath() + "/signin");
    }

    /** The request as it is to be resumed: without the parameters the coming sign-in answers. */
    private static final class Without extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;
        private final String query;

        Without(HttpServletRequest request, Set<String> names) {
            super(request);
            Map<String, String[]> kept = new LinkedHashMap<>(request.getParameterMap());
            kept.keySet().removeAll(names);
            this.parameters = Collections.unmodifiableMap(kept);
            String original = request.getQueryString();
            this.query = original == null ? null : Arrays.stream(original.split("&"))
                    .filter(pair -> !names.contains(pair.split("=", 2)[0]))
                    .collect(Collectors.joining("&"));
        }

        @Override
        public String getQueryString() {
            return query == null || query.isEmpty() ? null : query;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
