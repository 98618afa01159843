package io.verrou.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.verrou.user.SignedInUser;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Second-factor rules over the session's factor authorities (SPEC S5, S6), so that "MFA done" and "MFA done
 * within 10 minutes" are authorization rules, never session flags. A denied request is marked, so that the
 * access-denied handler sends the person to prove a factor rather than to an error page.
 */
public final class MfaAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    /** Request attribute set when a rule here refused the request. */
    public static final String DENIED = MfaAuthorizationManager.class.getName() + ".DENIED";

    private enum Rule {
        /** MFA done in this session or by a remembered browser, where the organisation requires MFA. */
        DONE,
        /** A second factor proved within the window, where the organisation requires MFA. */
        RECENT,
        /** Changing security info: a second factor proved within the window, for anyone who has one to prove. */
        CHANGES,
        /** The admin console: a second factor proved in this session, whatever the policy; a remembered browser is not enough. */
        PROVED_IN_SESSION
    }

    private final Rule rule;
    private final Duration window;
    private final SecondFactorRequirement requirement;
    private final Clock clock;

    private MfaAuthorizationManager(Rule rule, Duration window, SecondFactorRequirement requirement, Clock clock) {
        this.rule = rule;
        this.window = window;
        this.requirement = requirement;
        this.clock = clock;
    }

    public static MfaAuthorizationManager mfaDone(SecondFactorRequirement requirement, Clock clock) {
        return new MfaAuthorizationManager(Rule.DONE, Duration.ZERO, requirement, clock);
    }

    public static MfaAuthorizationManager mfaWithin(Duration window, SecondFactorRequirement requirement, Clock clock) {
        return new MfaAuthorizationManager(Rule.RECENT, window, requirement, clock);
    }

    /** For pages that add to or change security info: nobody who holds a method skips proving it. */
    public static MfaAuthorizationManager forChanges(Duration window, SecondFactorRequirement requirement, Clock clock) {
        return new MfaAuthorizationManager(Rule.CHANGES, window, requirement, clock);
    }

    /**
     * For the admin console (SPEC S11): a second factor proved in this session, never a remembered browser, even
     * where the organisation doesn't require MFA. Someone without a method to prove is refused outright.
     */
    public static MfaAuthorizationManager provedInSession(SecondFactorRequirement requirement, Clock clock) {
        return new MfaAuthorizationManager(Rule.PROVED_IN_SESSION, Duration.ZERO, requirement, clock);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication current = authentication.get();
        boolean granted = satisfied(current);
        boolean canProve = rule != Rule.PROVED_IN_SESSION || (current != null
                && current.getPrincipal() instanceof SignedInUser user
                && !requirement.usable(user.userId(), user.tenantId()).isEmpty());
        if (!granted && canProve) {
            HttpServletRequest request = context.getRequest();
            request.setAttribute(DENIED, Boolean.TRUE);
        }
        return new AuthorizationDecision(granted);
    }

    /** Whether this session meets the rule. */
    public boolean satisfied(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            return false;
        }
        boolean recent = Factors.lastSecondFactor(authentication)
                .map(at -> !at.plus(window).isBefore(clock.instant()))
                .orElse(false);
        return switch (rule) {
            case DONE -> Factors.mfaDone(authentication) || !requirement.appliesTo(user.userId(), user.tenantId());
            case RECENT -> recent || !requirement.appliesTo(user.userId(), user.tenantId());
            case CHANGES -> recent || requirement.usable(user.userId(), user.tenantId()).isEmpty();
            case PROVED_IN_SESSION -> Factors.lastSecondFactor(authentication).isPresent();
        };
    }
}
