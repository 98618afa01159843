package io.verrou.challenge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.verrou.Timestamps;
import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second-factor lockout (SPEC S5), kept per person in {@code mfa_lockout} so that sessions, resends and nodes
 * share it: every wrong code, wrong number or denial counts; {@value #THRESHOLD} within {@link #WINDOW} lock the
 * person's second factor for 15 minutes, then twice as long each time, up to 24 hours. A correct password never
 * clears it; a correct second factor or an administrator does. Each check locks the person's row first, so that
 * guesses fired at once are counted one after the other and none slips past a lock another just set.
 */
@Service
public class SecondFactorLockout {

    static final int THRESHOLD = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_LOCKOUT = Duration.ofMinutes(15);
    static final Duration LONGEST_LOCKOUT = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    public SecondFactorLockout(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /** How a guarded check ended. */
    public sealed interface Outcome {
        /** The factor is proved; the count starts again. */
        record Accepted() implements Outcome {
        }

        /** Wrong; counted. With {@code lockedNow}, this failure locked the second factor. */
        record Refused(boolean lockedNow) implements Outcome {
        }

        /** Locked: nothing was checked. */
        record Locked(Duration remaining) implements Outcome {
        }
    }

    /** What a check found: right, a wrong guess (counted), or nothing to count (an expired code, say). */
    public enum Verdict {
        RIGHT, WRONG, NOT_COUNTED
    }

    /** Published when a person's second factor becomes locked, for the email that follows the commit. */
    public record Locked(User user, Instant until, ClientInfo client, Instant when) {
    }

    /** How long the person's second factor stays locked, if it is locked now. */
    public Optional<Duration> lockedFor(UUID userId) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM mfa_lockout WHERE user_id = :userId")
                .param("userId", userId)
                .query((rs, row) -> Timestamps.optionalFromColumn(rs, "locked_until"))
                .optional()
                .flatMap(until -> until)
                .filter(now::isBefore)
                .map(until -> Duration.between(now, until));
    }

    /** When the person's current lockout ends, for the administrator's page. */
    public Optional<Instant> lockedUntil(UUID userId) {
        return lockedFor(userId).map(remaining -> clock.instant().plus(remaining));
    }

    /**
     * Runs {@code check} (which may itself use up a code) under the person's lockout: refused at once while locked,
     * counted when wrong, and the count cleared when right. Joins the caller's transaction, or runs its own.
     *
     * @param what what was checked, for the audit trail: {@code totp}, {@code sms}…
     */
    public Outcome check(User user, String what, ClientInfo client, Supplier<Verdict> check) {
        ensureRow(user.id());
        return transaction.execute(status -> {
            State state = lock(user.id());
            Instant now = clock.instant();
            if (state.lockedUntil().filter(now::isBefore).isPresent()) {
                audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, AuditResult.FAILURE, user.email(), client)
                        .forUser(user.tenantId(), user.id()).because("locked").withDetail(what));
                return new Outcome.Locked(Duration.between(now, state.lockedUntil().get()));
            }
            Verdict verdict = check.get();
            if (verdict == Verdict.RIGHT) {
                jdbc.sql("UPDATE mfa_lockout SET failures = 0, lockouts = 0, locked_until = NULL WHERE user_id = :userId")
                        .param("userId", user.id()).update();
                return new Outcome.Accepted();
            }
            return new Outcome.Refused(verdict == Verdict.WRONG && counted(user, state, now, what, client));
        });
    }

    /**
     * Counts a failure that happened elsewhere (a wrong number or a denial in the app), in the caller's transaction
     * when there is one.
     */
    public void failed(User user, String what, ClientInfo client) {
        ensureRow(user.id());
        transaction.executeWithoutResult(status -> counted(user, lock(user.id()), clock.instant(), what, client));
    }

    /** An administrator clears the lockout and its count. */
    public void clear(UUID userId) {
        jdbc.sql("DELETE FROM mfa_lockout WHERE user_id = :userId").param("userId", userId).update();
    }

    /** Counts one failure on the locked row; returns whether it started a lockout. */
    private boolean counted(User user, State state, Instant now, String what, ClientInfo client) {
        boolean freshWindow = !now.isBefore(state.windowStartedAt().plus(WINDOW));
        int failures = (freshWindow ? 0 : state.failures()) + 1;
        Instant windowStart = freshWindow ? now : state.windowStartedAt();
        audit.record(AuditEvent.of(AuditEventType.MFA_VERIFICATION, AuditResult.FAILURE, user.email(), client)
                .forUser(user.tenantId(), user.id()).because("wrong_" + what));
        if (failures < THRESHOLD) {
            jdbc.sql("UPDATE mfa_lockout SET failures = :failures, window_started_at = :start WHERE user_id = :userId")
                    .param("failures", failures).param("start", Timestamps.toColumn(windowStart))
                    .param("userId", user.id()).update();
            return false;
        }
        Duration length = lockoutLength(state.lockouts());
        Instant until = now.plus(length);
        jdbc.sql("""
                UPDATE mfa_lockout SET failures = 0, window_started_at = :now, lockouts = lockouts + 1,
                       locked_until = :until
                WHERE user_id = :userId""")
                .param("now", Timestamps.toColumn(now)).param("until", Timestamps.toColumn(until))
                .param("userId", user.id()).update();
        audit.record(AuditEvent.of(AuditEventType.THROTTLED, AuditResult.FAILURE, user.email(), client)
                .forUser(user.tenantId(), user.id()).because("mfa_locked")
                .withDetail("locked for " + length.toMinutes() + " min after " + failures + " failures"));
        events.publishEvent(new Locked(user, until, client, now));
        return true;
    }

    static Duration lockoutLength(int earlierLockouts) {
        Duration length = FIRST_LOCKOUT;
        for (int i = 0; i < earlierLockouts && length.compareTo(LONGEST_LOCKOUT) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(LONGEST_LOCKOUT) < 0 ? length : LONGEST_LOCKOUT;
    }

    private record State(int failures, Instant windowStartedAt, int lockouts, Optional<Instant> lockedUntil) {
    }

    private State lock(UUID userId) {
        return jdbc.sql("SELECT * FROM mfa_lockout WHERE user_id = :userId FOR UPDATE")
                .param("userId", userId)
                .query(SecondFactorLockout::state)
                .single();
    }

    /**
     * Makes sure the person has a row to lock. When two requests insert at once, one insert fails and is forgotten
     * (behind a savepoint, so that the caller's transaction goes on), and the row is there either way.
     */
    private void ensureRow(UUID userId) {
        if (jdbc.sql("SELECT COUNT(*) FROM mfa_lockout WHERE user_id = :userId").param("userId", userId)
                .query(Integer.class).single() > 0) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO mfa_lockout (user_id, failures, window_started_at, lockouts, locked_until)
                    VALUES (:userId, 0, :now, 0, NULL)""")
                    .param("userId", userId).param("now", Timestamps.toColumn(clock.instant())).update());
        } catch (DuplicateKeyException alreadyThere) {
            // Another request made it first.
        }
    }

    private static State state(ResultSet rs, int row) throws SQLException {
        return new State(rs.getInt("failures"), Timestamps.fromColumn(rs, "window_started_at"), rs.getInt("lockouts"),
                Timestamps.optionalFromColumn(rs, "locked_until"));
    }
}
