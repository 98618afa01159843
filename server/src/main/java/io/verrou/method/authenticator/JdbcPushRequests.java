package io.verrou.method.authenticator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;
import io.verrou.audit.ClientInfo;
import io.verrou.method.authenticator.PushRequests.PushRequest;
import io.verrou.method.authenticator.PushRequests.PushState;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Push requests in the {@code push_request} table, as stored: a PENDING row past its expiry is returned as PENDING
 * here and made EXPIRED by {@link PushRequests}.
 */
@Repository
class JdbcPushRequests {

    private final JdbcClient jdbc;

    JdbcPushRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PushRequest request, ClientInfo client) {
        jdbc.sql("""
                INSERT INTO push_request (id, user_id, device_id, kind, number, state, ip, user_agent, created_at,
                                          expires_at)
                VALUES (:id, :userId, :deviceId, :kind, :number, :state, :ip, :userAgent, :createdAt, :expiresAt)""")
                .param("id", request.id())
                .param("userId", request.userId())
                .param("deviceId", request.deviceId())
                .param("kind", request.kind())
                .param("number", request.number())
                .param("state", request.state().name())
                .param("ip", client.ip())
                .param("userAgent", client.userAgent())
                .param("createdAt", Timestamps.toColumn(request.createdAt()))
                .param("expiresAt", Timestamps.toColumn(request.expiresAt()))
                .update();
    }

    /**
     * Locks the person's account row until the transaction ends, so that two nodes creating a request for the same
     * person at once take turns, and the limits hold.
     */
    void lockUser(UUID userId) {
        jdbc.sql("SELECT id FROM app_user WHERE id = :id FOR UPDATE").param("id", userId).query(UUID.class).optional();
    }

    Optional<PushRequest> find(UUID id) {
        return jdbc.sql("SELECT * FROM push_request WHERE id = :id").param("id", id)
                .query(JdbcPushRequests::request).optional();
    }

    /** Locks the row until the transaction ends, so that one answer only is taken. */
    Optional<PushRequest> findForUpdate(UUID id) {
        return jdbc.sql("SELECT * FROM push_request WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcPushRequests::request).optional();
    }

    void answer(UUID id, PushState state, Instant now) {
        jdbc.sql("UPDATE push_request SET state = :state, answered_at = :now WHERE id = :id")
                .param("state", state.name()).param("now", Timestamps.toColumn(now)).param("id", id).update();
    }

    /** Whether the person has a request still waiting for an answer. */
    boolean hasPending(UUID userId, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM push_request WHERE user_id = :userId AND state = 'PENDING' AND expires_at > :now""")
                .param("userId", userId).param("now", Timestamps.toColumn(now))
                .query(Integer.class).single() > 0;
    }

    int countSince(UUID userId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM push_request WHERE user_id = :userId AND created_at > :since")
                .param("userId", userId).param("since", Timestamps.toColumn(since))
                .query(Integer.class).single();
    }

    /** The requests waiting for an answer from any of these devices, oldest first. */
    List<PushRequest> pendingFor(Collection<UUID> deviceIds, Instant now) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM push_request
                WHERE device_id IN (:deviceIds) AND state = 'PENDING' AND expires_at > :now
                ORDER BY created_at""")
                .param("deviceIds", deviceIds)
                .param("now", Timestamps.toColumn(now))
                .query(JdbcPushRequests::request)
                .list();
    }

    private static PushRequest request(ResultSet rs, int row) throws SQLException {
        return new PushRequest(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("device_id", UUID.class),
                rs.getString("kind"),
                rs.getString("number"),
                PushState.valueOf(rs.getString("state")),
                rs.getString("ip"),
                BrowserNames.describe(rs.getString("user_agent")),
                Timestamps.fromColumn(rs, "created_at"),
                Timestamps.fromColumn(rs, "expires_at"));
    }
}
