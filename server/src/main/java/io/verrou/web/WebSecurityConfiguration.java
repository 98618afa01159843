package io.verrou.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.verrou.audit.AuditLog;
import io.verrou.capacity.Busy;
import io.verrou.capacity.BusyFilter;
import io.verrou.signin.AbsoluteSessionTimeoutFilter;
import io.verrou.signin.MfaAuthorizationManager;
import io.verrou.signin.SecondFactorRequirement;
import io.verrou.signin.SignInSessions;
import io.verrou.signin.SignOutAuditHandler;
import io.verrou.user.SignedInUser;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;

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

    /** What a CSP source for an app's origin may be: a scheme, a host and a port, nothing that could add a directive. */
    private static final Pattern APP_ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

    /** Security info needs a second factor proved within the last 10 minutes (SPEC S6). */
    static final Duration SECURITY_INFO_STEP_UP = Duration.ofMinutes(10);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contextRepository,
            CsrfTokenRepository csrfTokens, RequestCache requestCache, Clock clock, AuditLog audit,
            SignOutAuditHandler signOutAudit, SecondFactorRequirement secondFactor) throws Exception {
        MfaAuthorizationManager mfaDone = MfaAuthorizationManager.mfaDone(secondFactor, clock);
        MfaAuthorizationManager recentMfa = MfaAuthorizationManager.mfaWithin(SECURITY_INFO_STEP_UP, secondFactor, clock);
        MfaAuthorizationManager changes = MfaAuthorizationManager.forChanges(SECURITY_INFO_STEP_UP, secondFactor, clock);
        MfaAuthorizationManager console = MfaAuthorizationManager.provedInSession(secondFactor, clock);
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/signin", "/signin/password", "/signin/update-password", "/signin/tap", "/signout", "/passwordreset",
                                "/passwordreset/**", "/error", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**",
                                // The built-in outbox plays the phone in demos and tests (it exists only there);
                                // provider callbacks prove themselves with their own signatures.
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
                                AuthorityAuthorizationManager.<RequestAuthorizationContext>hasRole("ADMIN"), console))
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
                                // The page says why: a form whose token is missing or stale, or a page not for them.
                                request.setAttribute(LocalizedErrorViewResolver.CSRF_REFUSED, denied instanceof CsrfException);
                                forbidden.handle(request, response, denied);
                            }
                        }))
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .addLogoutHandler(signOutAudit)
                        .logoutSuccessUrl("/signin?signedout")
                        .invalidateHttpSession(true))
                .headers(headers -> headers
                        .addHeaderWriter(WebSecurityConfiguration::contentSecurityPolicy)
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new AbsoluteSessionTimeoutFilter(clock, audit), SecurityContextHolderFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
        return http.build();
    }

    /**
     * The page's Content-Security-Policy: forms lead only to Verrou, and, during a sign-in for an app, to that app,
     * where the sign-in's last redirect ends.
     */
    static void contentSecurityPolicy(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        Object origin = session == null ? null : session.getAttribute(SignInSessions.APP_ORIGIN);
        response.setHeader("Content-Security-Policy", origin instanceof String app && APP_ORIGIN.matcher(app).matches()
                ? CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + app)
                : CONTENT_SECURITY_POLICY);
    }

    /**
     * Makes the page's CSRF token before the page is written: before a session exists the token is a cookie, and a
     * cookie set once the page has started to go out would be lost.
     */
    static final class CsrfCookieFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return !"GET".equals(request.getMethod()) || path.startsWith("/css/") || path.startsWith("/js/")
                    || path.startsWith("/img/") || path.startsWith("/actuator/") || path.startsWith("/api/")
                    || path.equals("/favicon.ico");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }

    /** The 503 page when capacity runs out outside the page itself, with the headers every page carries. */
    @Bean
    FilterRegistrationBean<BusyFilter> busyFilter(Busy busy, ITemplateEngine templates, LocaleResolver locales) {
        BusyFilter filter = new BusyFilter(busy, templates, locales, Map.of(
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY",
                "Referrer-Policy", "same-origin",
                "Cache-Control", "no-store"));
        FilterRegistrationBean<BusyFilter> registration = new FilterRegistrationBean<>(filter);
        // Before the session filter, whose reads and writes need a connection too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return new SessionOrCookieCsrfTokenRepository();
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
