package io.verrou.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API's own filter chain (SPEC S11): a bearer token in every request, no session, no cookie, no CSRF
 * (nothing a browser sends by itself), and a JSON answer when the token is missing or not valid.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String UNAUTHENTICATED = """
            {"error":{"code":"unauthenticated","message":"Send a valid admin API token: Authorization: Bearer vrt_..."}}""";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        http
                .securityMatcher("/api/v1/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/v1/users/*/authentication/methods").hasAuthority(ApiScope.METHODS_READ.authority())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/users/*/authentication/methods/*").hasAuthority(ApiScope.METHODS_DELETE.authority())
                        .requestMatchers("/api/v1/users/*/authentication/temporaryAccessPassMethods", "/api/v1/users/*/authentication/temporaryAccessPassMethods/*").hasAuthority(ApiScope.PASSES_MANAGE.authority())
                        .requestMatchers("/api/v1/applications", "/api/v1/applications/**").hasAuthority(ApiScope.APPLICATIONS_MANAGE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/users", "/api/v1/users/*",
                                "/api/v1/reports/authenticationMethods/userRegistrationDetails").hasAuthority(ApiScope.USERS_READ.authority())
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> unauthenticated(response))
                        .accessDeniedHandler((request, response, e) -> forbidden(response)))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    static final String FORBIDDEN = """
            {"error":{"code":"forbidden","message":"This token's scopes don't allow this request."}}""";

    private static void forbidden(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(FORBIDDEN);
    }

    private static void unauthenticated(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(UNAUTHENTICATED);
    }

    /** Turns a valid {@code Authorization: Bearer} token into the request's authentication. */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final ApiTokens tokens;

        BearerTokenFilter(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<ApiToken> token = Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION))
                    .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                    .flatMap(header -> tokens.authenticate(header.substring(7).strip()));
            if (token.isPresent()) {
                ApiClient client = new ApiClient(token.get().tenantId(), token.get().id(), token.get().name(),
                        token.get().createdBy());
                List<GrantedAuthority> authorities = new java.util.ArrayList<>();
                authorities.add(new SimpleGrantedAuthority(ApiClient.AUTHORITY));
                token.get().scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client, null, authorities));
                SecurityContextHolder.setContext(context);
            }
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
