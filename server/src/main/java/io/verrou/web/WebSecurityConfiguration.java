package io.verrou.web;

import java.time.Clock;

import io.verrou.audit.AuditLog;
import java.time.Duration;

import io.verrou.signin.AbsoluteSessionTimeoutFilter;
import io.verrou.signin.MfaAuthorizationManager;
import io.verrou.signin.SecondFactorRequirement;
import io.verrou.signin.SignedInUser;
import io.verrou.signin.SignOutAuditHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

import java.util.List;

/**
 * Who may reach what, and the protections every response carries: CSRF tokens on every form, a strict
 * Content-Security-Policy with no inline script or style, framing refused, sessions renewed at sign-in.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class WebSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Security info needs a second factor proved within the last 10 minutes (SPEC S6). */
    static final Duration SECURITY_INFO_STEP_UP = Duration.ofMinutes(10);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contextRepository,
            CsrfTokenRepository csrfTokens, RequestCache requestCache, Clock clock, AuditLog audit,
            SignOutAuditHandler signOutAudit, SecondFactorRequirement secondFactor) throws Exception {
        MfaAuthorizationManager mfaDone = MfaAuthorizationManager.mfaDone(secondFactor, clock);
        MfaAuthorizationManager recentMfa = MfaAuthorizationManager.mfaWithin(SECURITY_INFO_STEP_UP, secondFactor, clock);
        MfaAuthorizationManager changes = MfaAuthorizationManager.forChanges(SECURITY_INFO_STEP_UP, secondFactor, clock);
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/signin", "/signin/password", "/signin/update-password", "/signin/tap", "/signout", "/passwordreset",
                                "/passwordreset/**", "/error", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**",
                                // The built-in outbox plays the phone in demos and tests; provider callbacks
                                // prove themselves with their own signatures.
                                "/dev/outbox", "/dev/outbox.json", "/dev/outbox/**", "/api/delivery/**",
                                // The companion app signs each request with its device key instead.
                                "/api/authenticator/v1/**")
                        .permitAll()
                        .requestMatchers("/account/security-info", "/account/security-info/**").access(recentMfa)
                        // The interrupt itself opens with a password; its steps need the second factor of
                        // anyone who already has a method.
                        .requestMatchers("/register", "/register/start", "/register/skip").authenticated()
                        .requestMatchers("/register/**").access(changes)
                        .requestMatchers("/", "/account", "/account/**").access(mfaDone)
                        // An administrator's own second factor first; anyone else is refused outright.
                        .requestMatchers("/admin", "/admin/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.<RequestAuthorizationContext>hasRole("ADMIN"), mfaDone))
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contextRepository))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .ignoringRequestMatchers("/dev/outbox/*/keypress", "/api/delivery/**", "/api/authenticator/v1/**"))
                .requestCache(cache -> cache.requestCache(requestCache))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin"))
                        .accessDeniedHandler((request, response, denied) -> {
                            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                            boolean needsFactor = !(denied instanceof CsrfException)
                                    && request.getAttribute(MfaAuthorizationManager.DENIED) != null;
                            if (needsFactor && authentication != null && authentication.getPrincipal() instanceof SignedInUser) {
                                // Sign-in's second step, or a step-up: back to this page once proved.
                                requestCache.saveRequest(request, response);
                                response.sendRedirect(request.getContextPath() + "/signin/verify");
                            } else {
                                forbidden.handle(request, response, denied);
                            }
                        }))
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .addLogoutHandler(signOutAudit)
                        .logoutSuccessUrl("/signin?signedout")
                        .invalidateHttpSession(true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new AbsoluteSessionTimeoutFilter(clock, audit), SecurityContextHolderFilter.class);
        return http.build();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    RequestCache requestCache() {
        return new HttpSessionRequestCache();
    }

    /** At sign-in: a new session id (no fixation) and a new CSRF token. */
    @Bean
    SessionAuthenticationStrategy sessionAuthenticationStrategy(CsrfTokenRepository csrfTokens) {
        return new CompositeSessionAuthenticationStrategy(List.of(
                new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens)));
    }
}
