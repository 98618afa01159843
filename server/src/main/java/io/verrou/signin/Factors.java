package io.verrou.signin;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The factors a session can have proved, as Spring Security factor authorities: each records when it was
 * proved, so "second factor done" and "done within 10 minutes" are authorization rules. Each way of proving a
 * method names its own ({@code FACTOR_TOTP}, {@code FACTOR_SMS}…, see {@code method.Proof#factor}); every one but
 * the password and a remembered browser is a second factor.
 */
public final class Factors {

    public static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;
    /** A Temporary Access Pass from an administrator: both factors at once (SPEC S11). */
    public static final String TAP = "FACTOR_TAP";
    /** A browser the person asked not to be asked again on: MFA done, but not recently (no step-up). */
    public static final String REMEMBERED = "FACTOR_REMEMBERED_BROWSER";

    /** Factors that prove no second factor in this session. */
    private static final Set<String> NOT_SECOND = Set.of(PASSWORD, REMEMBERED);

    private Factors() {
    }

    /** Whether this session has done MFA, in this session or through a remembered browser. */
    public static boolean mfaDone(Authentication authentication) {
        return lastSecondFactor(authentication).isPresent() || (authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> REMEMBERED.equals(a.getAuthority())));
    }

    /** When the latest second factor of this session was proved, if one was. */
    public static Optional<Instant> lastSecondFactor(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        Optional<Instant> latest = Optional.empty();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority instanceof FactorGrantedAuthority factor && !NOT_SECOND.contains(factor.getAuthority())) {
                Instant at = factor.getIssuedAt();
                latest = latest.isEmpty() || at.isAfter(latest.get()) ? Optional.of(at) : latest;
            }
        }
        return latest;
    }
}
