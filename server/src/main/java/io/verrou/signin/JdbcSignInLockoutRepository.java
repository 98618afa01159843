package io.verrou.signin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import io.verrou.Timestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Lockout state in the {@code signin_lockout} table, shared by every node.
 */
@Repository
public class JdbcSignInLockoutRepository {

    private final JdbcClient jdbc;

    public JdbcSignInLockoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The state for a name as it is now, without locking anything: a first look, before the password is hashed. */
    public Optional<SignInLockout> find(String signInName) {
        return jdbc.sql("SELECT * FROM signin_lockout WHERE sign_in_name = :name")
                .param("name", signInName)
                .query(JdbcSignInLockoutRepository::lockout)
                .optional();
    }

    /** The state for a name, locking its row until the transaction ends so that concurrent failures all count. */
    public Optional<SignInLockout> findForUpdate(String signInName) {
        return jdbc.sql("SELECT * FROM signin_lockout WHERE sign_in_name = :name FOR UPDATE")
                .param("name", signInName)
                .query(JdbcSignInLockoutRepository::lockout)
                .optional();
    }

    /**
     * Makes sure the name has a row, so that concurrent failures all lock the same one. Run outside a transaction:
     * when two requests insert at once, one insert fails and is forgotten, and the row is there either way.
     */
    public void ensureRow(String signInName, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO signin_lockout (sign_in_name, failures, lockouts, locked_until, recent_failures, updated_at)
                    SELECT :name, 0, 0, NULL, '', :now
                    WHERE NOT EXISTS (SELECT 1 FROM signin_lockout WHERE sign_in_name = :name)""")
                    .param("name", signInName)
                    .param("now", Timestamps.toColumn(now))
                    .update();
        } catch (DuplicateKeyException alreadyThere) {
            // Another request made it first.
        }
    }

    private static SignInLockout lockout(ResultSet rs, int row) throws SQLException {
        return new SignInLockout(
                rs.getString("sign_in_name"),
                rs.getInt("failures"),
                rs.getInt("lockouts"),
                Timestamps.optionalFromColumn(rs, "locked_until"),
                Arrays.stream(rs.getString("recent_failures").split(",")).filter(s -> !s.isEmpty()).toList());
    }

    public void save(SignInLockout lockout, Instant now) {
        int updated = jdbc.sql("""
                UPDATE signin_lockout SET failures = :failures, lockouts = :lockouts, locked_until = :lockedUntil,
                       recent_failures = :recent, updated_at = :now
                WHERE sign_in_name = :name""")
                .params(params(lockout, now))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO signin_lockout (sign_in_name, failures, lockouts, locked_until, recent_failures, updated_at)
                    VALUES (:name, :failures, :lockouts, :lockedUntil, :recent, :now)""")
                    .params(params(lockout, now))
                    .update();
        }
    }

    public void clear(String signInName) {
        jdbc.sql("DELETE FROM signin_lockout WHERE sign_in_name = :name").param("name", signInName).update();
    }

    private static java.util.Map<String, Object> params(SignInLockout lockout, Instant now) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("name", lockout.signInName());
        params.put("failures", lockout.failures());
        params.put("lockouts", lockout.lockouts());
        params.put("lockedUntil", lockout.lockedUntil().map(Timestamps::toColumn).orElse(null));
        params.put("recent", String.join(",", lockout.recentFailures()));
        params.put("now", Timestamps.toColumn(now));
        return params;
    }
}
