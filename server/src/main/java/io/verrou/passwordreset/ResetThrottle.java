package io.verrou.passwordreset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;

import org.springframework.stereotype.Component;

/**
 * Failed verifications at reset (SPEC S9): five in an hour are allowed; the sixth locks reset for the name for 24
 * hours. What only the person would know (the number or the address they retype) is counted for the name from one
 * client address only, so that a stranger can't lock someone else's reset. Every attempt is audited.
 */
@Component
class ResetThrottle {

    static final int ALLOWED_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofHours(1);
    static final Duration LOCKOUT = Duration.ofHours(24);
    private static final String ADDRESS_PURPOSE = "reset-failures-from-address";

    private final JdbcResetLockouts lockouts;
    private final KeyedHash keyedHash;
    private final AuditLog audit;
    private final Clock clock;

    ResetThrottle(JdbcResetLockouts lockouts, KeyedHash keyedHash, AuditLog audit, Clock clock) {
        this.lockouts = lockouts;
        this.keyedHash = keyedHash;
        this.audit = audit;
        this.clock = clock;
    }

    /** The end of the lockout of the name, or of the name from this reset's address, when either is locked. */
    Optional<Instant> lockedUntil(ResetSession reset) {
        Instant now = clock.instant();
        Optional<Instant> name = lockouts.lockedUntil(reset.signInName(), now);
        Optional<Instant> fromHere = lockouts.lockedUntil(addressKey(reset), now);
        return name.isPresent() && fromHere.isPresent()
                ? Optional.of(name.get().isAfter(fromHere.get()) ? name.get() : fromHere.get())
                : name.or(() -> fromHere);
    }

    /** Counts a failed verification for the name; returns whether it locked reset for the name. */
    boolean failed(ResetSession reset, String reason, ClientInfo client) {
        return failedUnder(reset.signInName(), reset, reason, client);
    }

    /** Counts a failed verification for the name from this reset's address only; returns whether it locked it. */
    boolean failedFromAddress(ResetSession reset, String reason, ClientInfo client) {
        return failedUnder(addressKey(reset), reset, reason, client);
    }

    /** The password is reset: its failures no longer count. */
    void clear(ResetSession reset) {
        lockouts.clear(reset.signInName());
        lockouts.clear(addressKey(reset));
    }

    /** Audits a step of the reset under its name (and its account, when there is one). */
    void record(ResetSession reset, AuditEventType type, AuditResult result, String reason, ClientInfo client) {
        AuditEvent event = AuditEvent.of(type, result, reset.signInName(), client).because(reason);
        if (reset.userId().isPresent() && reset.tenantId().isPresent()) {
            event = event.forUser(reset.tenantId().get(), reset.userId().get());
        }
        audit.record(event.withDetail("step " + reset.step()));
    }

    private boolean failedUnder(String key, ResetSession reset, String reason, ClientInfo client) {
        Instant now = clock.instant();
        record(reset, AuditEventType.PASSWORD_RESET_VERIFICATION, AuditResult.FAILURE,
                reset.option().orElse("") + "_" + reason, client);
        int failures = lockouts.recordFailure(key, now, now.minus(FAILURE_WINDOW));
        if (failures <= ALLOWED_FAILURES) {
            return false;
        }
        lockouts.lock(key, now.plus(LOCKOUT));
        record(reset, AuditEventType.THROTTLED, AuditResult.FAILURE, "reset_locked", client);
        return true;
    }

    /** The key the name's failures from this reset's address are counted under: a keyed hash, never the address. */
    private String addressKey(ResetSession reset) {
        return "address:" + keyedHash.hash(ADDRESS_PURPOSE, reset.signInName() + "\n" + reset.address());
    }
}
