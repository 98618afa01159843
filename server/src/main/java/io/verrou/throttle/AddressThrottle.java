package io.verrou.throttle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.verrou.Timestamps;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits per client address (SPEC S9): codes and calls sent, and password resets started, from one address in
 * {@link #WINDOW}. Whatever the names typed, one address can't send texts to everyone or probe every account. The
 * count is one locked row per address and action, so that it holds across requests and nodes. The limits are
 * settings ({@code VERROU_LIMIT_SENDS_PER_ADDRESS}, {@code VERROU_LIMIT_RESET_STARTS_PER_ADDRESS}) because a
 * whole office may sit behind one address.
 */
@Service
public class AddressThrottle {

    /** The window each address's count runs over. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** What is counted. */
    public enum Action {
        /** A code texted or emailed, or a call placed. */
        SEND,
        /** An answer to the password reset portal's first page. */
        RESET_START
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final int sendLimit;
    private final int resetStartLimit;
    private final Clock clock;

    public AddressThrottle(JdbcClient jdbc, PlatformTransactionManager transactions,
            @Value("${verrou.limit.sends-per-address:100}") int sendLimit,
            @Value("${verrou.limit.reset-starts-per-address:30}") int resetStartLimit, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.sendLimit = sendLimit;
        this.resetStartLimit = resetStartLimit;
        this.clock = clock;
    }

    /**
     * Counts one more {@code action} from {@code address}.
     *
     * @throws TooManyRequestsException when the address is over its limit for the window; the answer is a 429
     */
    public void count(String address, Action action) {
        String key = address.length() > 64 ? address.substring(0, 64) : address;
        String name = action.name().toLowerCase(Locale.ROOT);
        int limit = action == Action.SEND ? sendLimit : resetStartLimit;
        ensureRow(key, name);
        Counted counted = transaction.execute(status -> {
            Instant now = clock.instant();
            jdbc.sql("""
                    UPDATE address_throttle SET
                        attempts = CASE WHEN window_started_at <= :cutoff THEN 1 ELSE attempts + 1 END,
                        window_started_at = CASE WHEN window_started_at <= :cutoff THEN :now ELSE window_started_at END
                    WHERE address = :address AND action = :action""")
                    .param("cutoff", Timestamps.toColumn(now.minus(WINDOW)))
                    .param("now", Timestamps.toColumn(now))
                    .param("address", key)
                    .param("action", name)
                    .update();
            return jdbc.sql("SELECT attempts, window_started_at FROM address_throttle WHERE address = :address AND action = :action")
                    .param("address", key).param("action", name)
                    .query(AddressThrottle::counted).single();
        });
        if (counted.attempts() > limit) {
            Duration left = Duration.between(clock.instant(), counted.windowStartedAt().plus(WINDOW));
            throw new TooManyRequestsException(left.isNegative() ? Duration.ofSeconds(1) : left);
        }
    }

    private record Counted(int attempts, Instant windowStartedAt) {
    }

    private static Counted counted(ResultSet rs, int row) throws SQLException {
        return new Counted(rs.getInt("attempts"), Timestamps.fromColumn(rs, "window_started_at"));
    }

    private void ensureRow(String address, String action) {
        if (jdbc.sql("SELECT COUNT(*) FROM address_throttle WHERE address = :address AND action = :action")
                .param("address", address).param("action", action).query(Integer.class).single() > 0) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO address_throttle (address, action, window_started_at, attempts)
                    VALUES (:address, :action, :now, 0)""")
                    .param("address", address).param("action", action)
                    .param("now", Timestamps.toColumn(clock.instant())).update());
        } catch (DuplicateKeyException alreadyThere) {
            // Another request made it first.
        }
    }
}
