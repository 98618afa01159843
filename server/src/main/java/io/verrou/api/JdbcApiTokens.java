package io.verrou.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API tokens in the {@code api_token} table, found by the keyed hash of the token. */
@Repository
class JdbcApiTokens {

    private final JdbcClient jdbc;

    JdbcApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiToken token, String tokenHash) {
        jdbc.sql("""
                INSERT INTO api_token (id, tenant_id, name, token_hash, created_by, created_at)
                VALUES (:id, :tenantId, :name, :hash, :createdBy, :createdAt)""")
                .param("id", token.id())
                .param("tenantId", token.tenantId())
                .param("name", token.name())
                .param("hash", tokenHash)
                .param("createdBy", token.createdBy())
                .param("createdAt", Timestamps.toColumn(token.createdAt()))
                .update();
    }

    /** The token with this hash, unless it was revoked. */
    Optional<ApiToken> findActive(String tokenHash) {
        return jdbc.sql("SELECT * FROM api_token WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", tokenHash).query(JdbcApiTokens::token).optional();
    }

    List<ApiToken> list(UUID tenantId) {
        return jdbc.sql("SELECT * FROM api_token WHERE tenant_id = :tenantId ORDER BY created_at DESC")
                .param("tenantId", tenantId).query(JdbcApiTokens::token).list();
    }

    boolean revoke(UUID tenantId, UUID id, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND tenant_id = :tenantId AND revoked_at IS NULL")
                .param("now", Timestamps.toColumn(now)).param("id", id).param("tenantId", tenantId).update() > 0;
    }

    void used(UUID id, Instant now) {
        jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                .param("now", Timestamps.toColumn(now)).param("id", id).update();
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                rs.getObject("created_by", UUID.class), Timestamps.fromColumn(rs, "created_at"),
                Timestamps.optionalFromColumn(rs, "last_used_at"), Timestamps.optionalFromColumn(rs, "revoked_at"));
    }
}
