package io.verrou.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * "Signed in, and MFA done" — optionally "done within the last N minutes" — as an authorization rule
 * over the session's factor authorities (SPEC S5, S6). People whose organisation does not require MFA,
 * or who have no method to prove it with, pass.
 */
public final class MfaAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private final SecondFactorRequirement requirement;
    private final Clock clock;
    private final Optional<Duration> within;

    private MfaAuthorizationManager(SecondFactorRequirement requirement, Clock clock, Optional<Duration> within) {
        this.requirement = requirement;
        this.clock = clock;
        this.within = within;
    }

    public static MfaAuthorizationManager mfaDone(SecondFactorRequirement requirement, Clock clock) {
        return new MfaAuthorizationManager(requirement, clock, Optional.empty());
    }

    public static MfaAuthorizationManager mfaWithin(Duration within, SecondFactorRequirement requirement, Clock clock) {
        return new MfaAuthorizationManager(requirement, clock, Optional.of(within));
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(satisfied(authentication.get()));
    }

    /** Whether this session meets the rule. */
    public boolean satisfied(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            return false;
        }
        if (within.isPresent()) {
            boolean recent = Factors.lastSecondFactor(authentication)
                    .map(at -> !at.plus(within.get()).isBefore(clock.instant()))
                    .orElse(false);
            return recent || !requirement.appliesTo(user.userId(), user.tenantId());
        }
        return Factors.mfaDone(authentication) || !requirement.appliesTo(user.userId(), user.tenantId());
    }
}
