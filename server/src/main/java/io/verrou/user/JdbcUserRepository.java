package io.verrou.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts in the {@code app_user} table.
 */
@Repository
public class JdbcUserRepository {

    private final JdbcClient jdbc;

    public JdbcUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(User user) {
        jdbc.sql("""
                INSERT INTO app_user (id, tenant_id, email, display_name, business_phone, role, state,
                                      password_hash, password_changed_at, created_at)
                VALUES (:id, :tenantId, :email, :displayName, :businessPhone, :role, :state,
                        :passwordHash, :passwordChangedAt, :createdAt)""")
                .param("id", user.id())
                .param("tenantId", user.tenantId())
                .param("email", user.email())
                .param("displayName", user.displayName())
                .param("businessPhone", user.businessPhone().orElse(null))
                .param("role", user.role().name())
                .param("state", user.state().name())
                .param("passwordHash", user.passwordHash())
                .param("passwordChangedAt", Timestamps.toColumn(user.passwordChangedAt()))
                .param("createdAt", Timestamps.toColumn(user.createdAt()))
                .update();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", id).query(JdbcUserRepository::user).optional();
    }

    /** Looks an account up by its sign-in name, already normalised to lower case. */
    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM app_user WHERE email = :email")
                .param("email", email)
                .query(JdbcUserRepository::user)
                .optional();
    }

    public void updateRole(UUID id, Role role) {
        jdbc.sql("UPDATE app_user SET role = :role WHERE id = :id").param("role", role.name()).param("id", id).update();
    }

    public void updateState(UUID id, UserState state) {
        jdbc.sql("UPDATE app_user SET state = :state WHERE id = :id").param("state", state.name()).param("id", id).update();
    }

    /** Stores a new hash of the same password, e.g. with stronger parameters; the change date stays. */
    public void rehashPassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id").param("hash", passwordHash).param("id", id).update();
    }

    /** Stores the password the person chose; a temporary one no longer needs replacing. */
    public void changePassword(UUID id, String passwordHash, Instant changedAt) {
        jdbc.sql("""
                UPDATE app_user SET password_hash = :hash, password_changed_at = :changedAt,
                       password_must_change = FALSE, temporary_password_expires_at = NULL
                WHERE id = :id""")
                .param("hash", passwordHash)
                .param("changedAt", Timestamps.toColumn(changedAt))
                .param("id", id)
                .update();
    }

    /** Stores a temporary password, which the person must replace at sign-in before {@code expiresAt}. */
    public void setTemporaryPassword(UUID id, String passwordHash, Instant changedAt, Instant expiresAt) {
        jdbc.sql("""
                UPDATE app_user SET password_hash = :hash, password_changed_at = :changedAt,
                       password_must_change = TRUE, temporary_password_expires_at = :expiresAt
                WHERE id = :id""")
                .param("hash", passwordHash)
                .param("changedAt", Timestamps.toColumn(changedAt))
                .param("expiresAt", Timestamps.toColumn(expiresAt))
                .param("id", id)
                .update();
    }

    /** When the person's password is a temporary one they must replace, when it stops working. */
    public Optional<Instant> temporaryPasswordExpiry(UUID id) {
        return jdbc.sql("""
                SELECT temporary_password_expires_at FROM app_user
                WHERE id = :id AND password_must_change AND temporary_password_expires_at IS NOT NULL""")
                .param("id", id)
                .query((rs, row) -> Timestamps.fromColumn(rs, "temporary_password_expires_at"))
                .optional();
    }

    /** When the person last confirmed their security info at the periodic review (SPEC S3.5). */
    public Optional<Instant> securityInfoReviewedAt(UUID id) {
        return jdbc.sql("SELECT security_info_reviewed_at FROM app_user WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> Timestamps.optionalFromColumn(rs, "security_info_reviewed_at"))
                .single();
    }

    public void markSecurityInfoReviewed(UUID id, Instant at) {
        jdbc.sql("UPDATE app_user SET security_info_reviewed_at = :at WHERE id = :id")
                .param("at", Timestamps.toColumn(at)).param("id", id).update();
    }

    /** The language the person last signed in with, e.g. {@code fr}; English when unknown. */
    public Locale language(UUID id) {
        return jdbc.sql("SELECT language FROM app_user WHERE id = :id").param("id", id).query(String.class).optional()
                .filter(language -> language != null && !language.isBlank())
                .map(Locale::forLanguageTag)
                .orElse(Locale.ENGLISH);
    }

    public void updateLanguage(UUID id, Locale locale) {
        jdbc.sql("UPDATE app_user SET language = :language WHERE id = :id")
                .param("language", locale.getLanguage()).param("id", id).update();
    }

    /** The person's current security stamp (see {@link #rotateSecurityStamp}). */
    public String securityStamp(UUID id) {
        return jdbc.sql("SELECT security_stamp FROM app_user WHERE id = :id").param("id", id).query(String.class).single();
    }

    /**
     * Gives the person a new security stamp: whatever was signed with the old one (remembered browsers)
     * stops counting.
     */
    public void rotateSecurityStamp(UUID id) {
        jdbc.sql("UPDATE app_user SET security_stamp = :stamp WHERE id = :id")
                .param("stamp", UUID.randomUUID().toString()).param("id", id).update();
    }

    /** The enabled administrators of an organisation. */
    public List<User> admins(UUID tenantId) {
        return jdbc.sql("SELECT * FROM app_user WHERE tenant_id = :tenantId AND role = 'ADMIN' AND state = 'ENABLED' ORDER BY email")
                .param("tenantId", tenantId).query(JdbcUserRepository::user).list();
    }

    /**
     * The organisation's accounts whose sign-in name or display name contains {@code query} (any case), by
     * sign-in name, at most {@code limit} of them.
     */
    public List<User> search(UUID tenantId, String query, int limit) {
        return jdbc.sql("""
                SELECT * FROM app_user WHERE tenant_id = :tenantId
                  AND (LOWER(email) LIKE :pattern ESCAPE '\\' OR LOWER(display_name) LIKE :pattern ESCAPE '\\')
                ORDER BY email LIMIT :limit""")
                .param("tenantId", tenantId)
                .param("limit", limit)
                .param("pattern", "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                        .replace("%", "\\%").replace("_", "\\_") + "%")
                .query(JdbcUserRepository::user)
                .list();
    }

    /** Whether MFA is blocked for the person, after they reported a request as not theirs (SPEC S5). */
    public boolean mfaBlocked(UUID id) {
        return jdbc.sql("SELECT mfa_blocked FROM app_user WHERE id = :id").param("id", id).query(Boolean.class).single();
    }

    /** Blocks MFA for the person until an administrator clears it, or clears it. */
    public void blockMfa(UUID id, boolean blocked) {
        jdbc.sql("UPDATE app_user SET mfa_blocked = :blocked WHERE id = :id").param("blocked", blocked).param("id", id).update();
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                Optional.ofNullable(rs.getString("business_phone")),
                Role.valueOf(rs.getString("role")),
                UserState.valueOf(rs.getString("state")),
                rs.getString("password_hash"),
                Timestamps.fromColumn(rs, "password_changed_at"),
                Timestamps.fromColumn(rs, "created_at"));
    }
}
