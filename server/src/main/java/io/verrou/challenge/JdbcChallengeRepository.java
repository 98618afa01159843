package io.verrou.challenge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Challenges in the {@code challenge} table; the counts behind the send limits come from it too.
 */
@Repository
public class JdbcChallengeRepository {

    private final JdbcClient jdbc;

    public JdbcChallengeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Challenge c) {
        jdbc.sql("""
                INSERT INTO challenge (id, user_id, tenant_id, purpose, channel, target, code_hash, call_id, state,
                                       attempts, created_at, expires_at)
                VALUES (:id, :userId, :tenantId, :purpose, :channel, :target, :codeHash, :callId, :state,
                        :attempts, :createdAt, :expiresAt)""")
                .param("id", c.id())
                .param("userId", c.userId())
                .param("tenantId", c.tenantId())
                .param("purpose", c.purpose())
                .param("channel", c.channel().id())
                .param("target", c.target())
                .param("codeHash", c.codeHash().orElse(null))
                .param("callId", c.callId().orElse(null))
                .param("state", c.state().name())
                .param("attempts", c.attempts())
                .param("createdAt", Timestamps.toColumn(c.createdAt()))
                .param("expiresAt", Timestamps.toColumn(c.expiresAt()))
                .update();
    }

    /**
     * Makes sure the number or address has a row in {@code delivery_target}, to lock while its sends are counted.
     * Run outside a transaction: when two requests insert at once, one insert fails and is forgotten.
     */
    public void ensureTarget(String target) {
        if (jdbc.sql("SELECT COUNT(*) FROM delivery_target WHERE target = :target").param("target", target)
                .query(Integer.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO delivery_target (target) VALUES (:target)").param("target", target).update();
        } catch (DuplicateKeyException alreadyThere) {
            // Another request made it first.
        }
    }

    /**
     * Locks the organisation's row, then the target's, until the transaction ends: sends that count the same
     * limits wait for each other, and always in this order, so that they never deadlock.
     */
    public void lockForSending(UUID tenantId, String target) {
        jdbc.sql("SELECT id FROM tenant WHERE id = :tenantId FOR UPDATE").param("tenantId", tenantId)
                .query(UUID.class).single();
        jdbc.sql("SELECT target FROM delivery_target WHERE target = :target FOR UPDATE").param("target", target)
                .query(String.class).single();
    }

    /** Locks the row until the transaction ends, so that two guesses at once both count. */
    public Optional<Challenge> findForUpdate(UUID id) {
        return jdbc.sql("SELECT * FROM challenge WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcChallengeRepository::challenge).optional();
    }

    public Optional<Challenge> findById(UUID id) {
        return jdbc.sql("SELECT * FROM challenge WHERE id = :id").param("id", id)
                .query(JdbcChallengeRepository::challenge).optional();
    }

    public Optional<Challenge> findByCallIdForUpdate(UUID callId) {
        return jdbc.sql("SELECT * FROM challenge WHERE call_id = :callId FOR UPDATE").param("callId", callId)
                .query(JdbcChallengeRepository::challenge).optional();
    }

    public void update(UUID id, ChallengeState state, int attempts) {
        jdbc.sql("UPDATE challenge SET state = :state, attempts = :attempts WHERE id = :id")
                .param("state", state.name()).param("attempts", attempts).param("id", id).update();
    }

    public int countForUser(UUID userId, Channel channel, Instant since) {
        return count("user_id", userId, channel, since);
    }

    public int countForTarget(String target, Channel channel, Instant since) {
        return count("target", target, channel, since);
    }

    public int countForTenant(UUID tenantId, Channel channel, Instant since) {
        return count("tenant_id", tenantId, channel, since);
    }

    /** Challenges sent (failed sends do not count) on a channel since a time, for one value of a column. */
    private int count(String column, Object value, Channel channel, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM challenge WHERE " + column + " = :value AND channel = :channel"
                        + " AND created_at > :since AND state <> 'FAILED'")
                .param("value", value).param("channel", channel.id()).param("since", Timestamps.toColumn(since))
                .query(Integer.class).single();
    }

    /** When the person was last sent something on this channel, if ever. */
    public Optional<Instant> lastSentTo(UUID userId, Channel channel) {
        return jdbc.sql("""
                SELECT MAX(created_at) AS last_sent FROM challenge
                WHERE user_id = :userId AND channel = :channel AND state <> 'FAILED'""")
                .param("userId", userId).param("channel", channel.id())
                .query((rs, row) -> Timestamps.optionalFromColumn(rs, "last_sent")).single();
    }

    private static Challenge challenge(ResultSet rs, int row) throws SQLException {
        return new Challenge(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("purpose"),
                Channel.fromId(rs.getString("channel")),
                rs.getString("target"),
                Optional.ofNullable(rs.getString("code_hash")),
                Optional.ofNullable(rs.getObject("call_id", UUID.class)),
                ChallengeState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                Timestamps.fromColumn(rs, "created_at"),
                Timestamps.fromColumn(rs, "expires_at"));
    }
}
