package io.verrou.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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
                INSERT INTO api_token (id, tenant_id, name, token_hash, created_by, created_at, expires_at, scopes)
                VALUES (:id, :tenantId, :name, :hash, :createdBy, :createdAt, :expiresAt, :scopes)""")
                .param("id", token.id())
                .param("tenantId", token.tenantId())
                .param("name", token.name())
                .param("hash", tokenHash)
                .param("createdBy", token.createdBy())
                .param("createdAt", Timestamps.toColumn(token.createdAt()))
                .param("expiresAt", Timestamps.toColumn(token.expiresAt()))
                .param("scopes", String.join(" ", token.scopeList().stream().map(ApiScope::id).toList()))
                .update();
    }

    /**
     * The token with this hash, while it works: not revoked, not expired, and its creator still an enabled
     * administrator of its organisation. A token acts for the person who made it, never beyond them.
     */
    Optional<ApiToken> findActive(String tokenHash, Instant now) {
        return jdbc.sql("""
                SELECT t.* FROM api_token t JOIN app_user u ON u.id = t.created_by
                WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
                  AND u.tenant_id = t.tenant_id AND u.state = 'ENABLED' AND u.role = 'ADMIN'""")
                .param("hash", tokenHash).param("now", Timestamps.toColumn(now)).query(JdbcApiTokens::token).optional();
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
                Timestamps.optionalFromColumn(rs, "last_used_at"), Timestamps.optionalFromColumn(rs, "revoked_at"),
                Timestamps.fromColumn(rs, "expires_at"), Arrays.stream(rs.getString("scopes").split(" "))
                        .map(ApiScope::fromId).flatMap(Optional::stream).collect(Collectors.toSet()));
    }
}
