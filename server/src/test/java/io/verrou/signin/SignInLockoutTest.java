package io.verrou.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SignInLockoutTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void nineFailuresDoNotLock() {
        SignInLockout lockout = fail(SignInLockout.none("a@b.example"), 9);

        assertThat(lockout.isLocked(NOW)).isFalse();
        assertThat(lockout.lockouts()).isZero();
    }

    @Test
    void theTenthFailureLocksForSixtySeconds() {
        SignInLockout lockout = fail(SignInLockout.none("a@b.example"), 10);

        assertThat(lockout.lockedUntil()).contains(NOW.plusSeconds(60));
        assertThat(lockout.isLocked(NOW.plusSeconds(59))).isTrue();
        assertThat(lockout.isLocked(NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void eachFurtherLockoutDoublesUpToAnHour() {
        assertThat(SignInLockout.lockoutLength(0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(SignInLockout.lockoutLength(1)).isEqualTo(Duration.ofSeconds(120));
        assertThat(SignInLockout.lockoutLength(2)).isEqualTo(Duration.ofSeconds(240));
        assertThat(SignInLockout.lockoutLength(5)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(SignInLockout.lockoutLength(6)).isEqualTo(Duration.ofHours(1));
        assertThat(SignInLockout.lockoutLength(100)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void onlyTheLastThreeWrongPasswordsAreRemembered() {
        SignInLockout lockout = SignInLockout.none("a@b.example");
        for (String hash : new String[] {"h1", "h2", "h3", "h4"}) {
            lockout = lockout.afterFailure(hash, NOW);
        }

        assertThat(lockout.isRepeat("h1")).isFalse();
        assertThat(lockout.isRepeat("h2")).isTrue();
        assertThat(lockout.isRepeat("h4")).isTrue();
    }

    private static SignInLockout fail(SignInLockout lockout, int times) {
        for (int i = 0; i < times; i++) {
            lockout = lockout.afterFailure("hash-" + i, NOW);
        }
        return lockout;
    }
}
