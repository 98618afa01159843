package io.verrou.signin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.SignedInUser;
import io.verrou.user.User;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * Turns a verified person into a signed-in session: a new session id, a fresh CSRF token, the factors they
 * proved as authorities with the time each was proved, and the tenant's idle and absolute timeouts.
 */
@Component
public class SignInSessions {

    /** Session attribute: the instant after which the session is over, however active it is. */
    public static final String ABSOLUTE_DEADLINE = SignInSessions.class.getName() + ".ABSOLUTE_DEADLINE";

    /** Session attribute: where to go once the second factor is proved. */
    public static final String AFTER_SECOND_FACTOR = SignInSessions.class.getName() + ".AFTER_SECOND_FACTOR";

    /**
     * Session attribute: the origin ({@code https://app.example}) of the app a sign-in in progress goes back to, once
     * its request was found valid. The sign-in's pages let their forms lead there (their Content-Security-Policy's
     * {@code form-action}), since the last step's redirects end at the app.
     */
    public static final String APP_ORIGIN = SignInSessions.class.getName() + ".APP_ORIGIN";

    private static final String DEFAULT_TARGET = "/account";

    private final SessionAuthenticationStrategy sessionStrategy;
    private final SecurityContextRepository contextRepository;
    private final RequestCache requestCache;
    private final JdbcTenantRepository tenants;
    private final Clock clock;
    private final SecureRandom random;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SessionAuthenticationStrategy newSessionId = new ChangeSessionIdAuthenticationStrategy();

    public SignInSessions(SessionAuthenticationStrategy sessionStrategy, SecurityContextRepository contextRepository,
            RequestCache requestCache, JdbcTenantRepository tenants, Clock clock, SecureRandom random) {
        this.sessionStrategy = sessionStrategy;
        this.contextRepository = contextRepository;
        this.requestCache = requestCache;
        this.tenants = tenants;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Adds a factor, proved now, to the signed-in session (e.g. after an authenticator code), under a new session
     * id (SPEC S5): an id captured before the factor was proved gains nothing by it. The CSRF token stays: it is
     * the session's already, and the page that proved the factor may go on with its forms.
     */
    public void addFactor(String factor, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = holder.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof SignedInUser)) {
            throw new IllegalStateException("No one is signed in");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (GrantedAuthority authority : current.getAuthorities()) {
            if (!authority.getAuthority().equals(factor)) {
                authorities.add(authority);
            }
        }
        authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(clock.instant()).build());
        UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken
                .authenticated(current.getPrincipal(), null, authorities);
        updated.setDetails(current.getDetails());
        newSessionId.onAuthentication(updated, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(updated);
        holder.setContext(context);
        contextRepository.saveContext(context, request, response);
    }

    /**
     * Signs {@code user} in with the given factors (e.g. {@link FactorGrantedAuthority#PASSWORD_AUTHORITY})
     * and returns where to send the browser next: the page it asked for before signing in, or My account.
     */
    public String establish(User user, Collection<String> factors, HttpServletRequest request,
            HttpServletResponse response) {
        Instant now = clock.instant();
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        for (String factor : factors) {
            authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(now).build());
        }
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
                .authenticated(SignedInUser.of(user), null, authorities);
        byte[] id = new byte[24];
        random.nextBytes(id);
        authentication.setDetails(new SignInDetails(Base64.getUrlEncoder().withoutPadding().encodeToString(id), now));

        request.getSession(true);
        sessionStrategy.onAuthentication(authentication, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contextRepository.saveContext(context, request, response);

        TenantPolicy policy = tenants.policy(user.tenantId());
        HttpSession session = request.getSession();
        session.setMaxInactiveInterval((int) policy.sessionIdleTimeout().toSeconds());
        session.setAttribute(ABSOLUTE_DEADLINE, now.plus(policy.sessionAbsoluteTimeout()));
        session.setAttribute(AbsoluteSessionTimeoutFilter.LAST_ACTIVE, now);

        SavedRequest saved = requestCache.getRequest(request, response);
        // Only a page of this server: a saved request is built from the request itself, never from a parameter.
        requestCache.removeRequest(request, response);
        return saved != null ? saved.getRedirectUrl() : DEFAULT_TARGET;
    }
}
