package io.verrou.passwordreset;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Failed reset verifications and reset lockouts, in the {@code reset_failure} and {@code reset_lockout} tables,
 * by sign-in name: a name without an account is counted the same way as one with.
 */
@Repository
class JdbcResetLockouts {

    private final JdbcClient jdbc;

    JdbcResetLockouts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one failure and returns how many there were since {@code since}, this one included. */
    int recordFailure(String signInName, Instant now, Instant since) {
        jdbc.sql("INSERT INTO reset_failure (id, sign_in_name, failed_at) VALUES (:id, :name, :now)")
                .param("id", UUID.randomUUID()).param("name", signInName).param("now", Timestamps.toColumn(now)).update();
        return jdbc.sql("SELECT COUNT(*) FROM reset_failure WHERE sign_in_name = :name AND failed_at > :since")
                .param("name", signInName).param("since", Timestamps.toColumn(since)).query(Integer.class).single();
    }

    void lock(String signInName, Instant until) {
        jdbc.sql("DELETE FROM reset_lockout WHERE sign_in_name = :name").param("name", signInName).update();
        jdbc.sql("INSERT INTO reset_lockout (sign_in_name, locked_until) VALUES (:name, :until)")
                .param("name", signInName).param("until", Timestamps.toColumn(until)).update();
    }

    /** The end of the name's lockout, when it is locked at {@code now}. */
    Optional<Instant> lockedUntil(String signInName, Instant now) {
        return jdbc.sql("SELECT locked_until FROM reset_lockout WHERE sign_in_name = :name")
                .param("name", signInName)
                .query((rs, row) -> Timestamps.fromColumn(rs, "locked_until"))
                .optional()
                .filter(now::isBefore);
    }

    /** Forgets the name's failures and lockout, after a successful reset. */
    void clear(String signInName) {
        jdbc.sql("DELETE FROM reset_failure WHERE sign_in_name = :name").param("name", signInName).update();
        jdbc.sql("DELETE FROM reset_lockout WHERE sign_in_name = :name").param("name", signInName).update();
    }
}
