package io.verrou.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Failed-password bookkeeping for one sign-in name (SPEC S2). Ten failures lock the name for 60 seconds.
 * Once a lockout has ended, each further failure locks it again for twice as long as the last time, up
 * to an hour, until a successful sign-in clears it. A wrong password repeated from the last three is not
 * counted again, so that a person retrying the same typo is not locked out by it.
 *
 * @param signInName     the normalised name, whether or not an account has it
 * @param failures       failures counted since the last success
 * @param lockouts       lockouts since the last success
 * @param lockedUntil    end of the current or last lockout
 * @param recentFailures keyed hashes of the last wrong passwords, newest last
 */
public record SignInLockout(
        String signInName,
        int failures,
        int lockouts,
        Optional<Instant> lockedUntil,
        List<String> recentFailures) {

    static final int THRESHOLD = 10;
    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(60);
    static final Duration LONGEST_LOCKOUT = Duration.ofHours(1);
    static final int REMEMBERED_FAILURES = 3;

    public SignInLockout {
        recentFailures = List.copyOf(recentFailures);
    }

    public static SignInLockout none(String signInName) {
        return new SignInLockout(signInName, 0, 0, Optional.empty(), List.of());
    }

    public boolean isLocked(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }

    public boolean isRepeat(String failureHash) {
        return recentFailures.contains(failureHash);
    }

    /** The state after one more (non-repeated) failure at {@code now}. */
    public SignInLockout afterFailure(String failureHash, Instant now) {
        List<String> recent = new ArrayList<>(recentFailures);
        recent.add(failureHash);
        while (recent.size() > REMEMBERED_FAILURES) {
            recent.remove(0);
        }
        int counted = failures + 1;
        if (counted < THRESHOLD) {
            return new SignInLockout(signInName, counted, lockouts, lockedUntil, recent);
        }
        Duration length = lockoutLength(lockouts);
        return new SignInLockout(signInName, counted, lockouts + 1, Optional.of(now.plus(length)), recent);
    }

    /** Whether this state started a lockout that the previous one did not have. */
    public boolean lockedSince(SignInLockout before) {
        return lockouts > before.lockouts;
    }

    static Duration lockoutLength(int earlierLockouts) {
        Duration length = FIRST_LOCKOUT;
        for (int i = 0; i < earlierLockouts && length.compareTo(LONGEST_LOCKOUT) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(LONGEST_LOCKOUT) < 0 ? length : LONGEST_LOCKOUT;
    }
}
