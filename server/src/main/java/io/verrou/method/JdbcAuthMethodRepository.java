package io.verrou.method;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Registered methods in the {@code auth_method} table.
 */
@Repository
public class JdbcAuthMethodRepository {

    private final JdbcClient jdbc;

    public JdbcAuthMethodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AuthMethod method, OptionalLong lastUsedStep) {
        jdbc.sql("""
                INSERT INTO auth_method (id, user_id, kind, label, detail, sealed_secret, channel, is_default,
                                         last_used_step, created_at, last_used_at)
                VALUES (:id, :userId, :kind, :label, :detail, :secret, :channel, :isDefault,
                        :step, :createdAt, :lastUsedAt)""")
                .param("id", method.id())
                .param("userId", method.userId())
                .param("kind", method.kind().id())
                .param("label", method.label())
                .param("detail", method.detail().orElse(null))
                .param("secret", method.sealedSecret().orElse(null))
                .param("channel", method.channel().orElse(null))
                .param("isDefault", method.isDefault())
                .param("step", lastUsedStep.isPresent() ? lastUsedStep.getAsLong() : null)
                .param("createdAt", Timestamps.toColumn(method.createdAt()))
                .param("lastUsedAt", method.lastUsedAt().map(Timestamps::toColumn).orElse(null))
                .update();
    }

    /** A person's methods, oldest first. */
    public List<AuthMethod> forUser(UUID userId) {
        return jdbc.sql("SELECT * FROM auth_method WHERE user_id = :userId ORDER BY created_at, id")
                .param("userId", userId)
                .query(JdbcAuthMethodRepository::method)
                .list();
    }

    public Optional<AuthMethod> findById(UUID id) {
        return jdbc.sql("SELECT * FROM auth_method WHERE id = :id").param("id", id)
                .query(JdbcAuthMethodRepository::method).optional();
    }

    /**
     * Records that a TOTP code of {@code step} was accepted, unless a code of this step or a later one
     * already was: then nothing changes and the answer is false, so no code is ever accepted twice, even
     * by two nodes at once.
     */
    public boolean advanceLastUsedStep(UUID id, long step, Instant now) {
        return jdbc.sql("""
                UPDATE auth_method SET last_used_step = :step, last_used_at = :now
                WHERE id = :id AND (last_used_step IS NULL OR last_used_step < :step)""")
                .param("step", step)
                .param("now", Timestamps.toColumn(now))
                .param("id", id)
                .update() == 1;
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM auth_method WHERE id = :id").param("id", id).update();
    }

    /** Points a method at something new (a phone at a new number) and the way to reach it, keeping its id. */
    public void updateDetail(UUID id, String detail, Optional<String> channel) {
        jdbc.sql("UPDATE auth_method SET detail = :detail, channel = COALESCE(:channel, channel) WHERE id = :id")
                .param("detail", detail).param("channel", channel.orElse(null)).param("id", id).update();
    }

    /** Makes one method the default (with, for a phone, the way to reach it) and no other. */
    public void makeDefault(UUID userId, UUID id, Optional<String> channel) {
        jdbc.sql("UPDATE auth_method SET is_default = FALSE WHERE user_id = :userId").param("userId", userId).update();
        jdbc.sql("UPDATE auth_method SET is_default = TRUE, channel = COALESCE(:channel, channel) WHERE id = :id")
                .param("channel", channel.orElse(null)).param("id", id).update();
    }

    public void markUsed(UUID id, Instant now) {
        jdbc.sql("UPDATE auth_method SET last_used_at = :now WHERE id = :id")
                .param("now", Timestamps.toColumn(now)).param("id", id).update();
    }

    private static AuthMethod method(ResultSet rs, int row) throws SQLException {
        return new AuthMethod(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                MethodKind.of(rs.getString("kind")),
                rs.getString("label"),
                Optional.ofNullable(rs.getString("detail")),
                Optional.ofNullable(rs.getString("sealed_secret")),
                Optional.ofNullable(rs.getString("channel")),
                rs.getBoolean("is_default"),
                Timestamps.fromColumn(rs, "created_at"),
                Timestamps.optionalFromColumn(rs, "last_used_at"));
    }
}
