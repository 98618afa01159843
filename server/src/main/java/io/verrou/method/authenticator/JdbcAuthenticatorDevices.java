package io.verrou.method.authenticator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;
import io.verrou.method.authenticator.AuthenticatorActivations.Device;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Authenticator apps in the {@code authenticator_device} table, their activation codes
 * ({@code authenticator_activation}) and the nonces of their recent signed requests ({@code authenticator_nonce}).
 */
@Repository
class JdbcAuthenticatorDevices {

    /**
     * A device as stored, with its public key once activated.
     *
     * @param publicKey base64 of the DER SubjectPublicKeyInfo, empty until activation
     */
    record StoredDevice(UUID id, UUID userId, Optional<String> name, Optional<String> publicKey,
            String sealedTotpSecret, Optional<Instant> activatedAt, boolean revoked) {

        boolean usable() {
            return activatedAt.isPresent() && publicKey.isPresent() && !revoked;
        }

        Device device() {
            return new Device(id, userId, name.orElse(null), activatedAt.isPresent(), revoked, sealedTotpSecret);
        }

        @Override
        public String toString() {
            return "StoredDevice[id=" + id + ", activated=" + activatedAt.isPresent() + ", revoked=" + revoked + "]";
        }
    }

    /** An activation code's row, found by its keyed hash. */
    record StoredActivation(UUID deviceId, UUID userId, Instant expiresAt, boolean used) {
    }

    private final JdbcClient jdbc;

    JdbcAuthenticatorDevices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertDevice(UUID id, UUID userId, String sealedTotpSecret, Instant now) {
        jdbc.sql("""
                INSERT INTO authenticator_device (id, user_id, sealed_totp_secret, revoked, created_at)
                VALUES (:id, :userId, :secret, FALSE, :createdAt)""")
                .param("id", id)
                .param("userId", userId)
                .param("secret", sealedTotpSecret)
                .param("createdAt", Timestamps.toColumn(now))
                .update();
    }

    void insertActivation(String codeHash, UUID deviceId, UUID userId, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO authenticator_activation (code_hash, device_id, user_id, expires_at, used)
                VALUES (:codeHash, :deviceId, :userId, :expiresAt, FALSE)""")
                .param("codeHash", codeHash)
                .param("deviceId", deviceId)
                .param("userId", userId)
                .param("expiresAt", Timestamps.toColumn(expiresAt))
                .update();
    }

    /** Forgets a person's unused activation codes, and the devices they were for that never activated. */
    void supersedeUnused(UUID userId) {
        jdbc.sql("""
                DELETE FROM authenticator_activation
                WHERE user_id = :userId AND used = FALSE""")
                .param("userId", userId).update();
        jdbc.sql("""
                DELETE FROM authenticator_device
                WHERE user_id = :userId AND activated_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM authenticator_activation a WHERE a.device_id = authenticator_device.id)
                  AND NOT EXISTS (SELECT 1 FROM push_request p WHERE p.device_id = authenticator_device.id)""")
                .param("userId", userId).update();
    }

    Optional<StoredActivation> findActivation(String codeHash) {
        return jdbc.sql("SELECT * FROM authenticator_activation WHERE code_hash = :codeHash")
                .param("codeHash", codeHash)
                .query((rs, row) -> new StoredActivation(rs.getObject("device_id", UUID.class),
                        rs.getObject("user_id", UUID.class), Timestamps.fromColumn(rs, "expires_at"),
                        rs.getBoolean("used")))
                .optional();
    }

    /**
     * Uses up an activation code: true for the one caller that found it unused and unexpired, even when two nodes
     * try at once.
     */
    boolean useActivation(String codeHash, Instant now) {
        return jdbc.sql("""
                UPDATE authenticator_activation SET used = TRUE
                WHERE code_hash = :codeHash AND used = FALSE AND expires_at > :now""")
                .param("codeHash", codeHash)
                .param("now", Timestamps.toColumn(now))
                .update() == 1;
    }

    /** Completes a device that has not activated yet with its name and key. */
    boolean activate(UUID id, String name, String publicKey, Instant now) {
        return jdbc.sql("""
                UPDATE authenticator_device
                SET name = :name, public_key = :publicKey, activated_at = :now, last_seen_at = :now
                WHERE id = :id AND activated_at IS NULL AND revoked = FALSE""")
                .param("name", name)
                .param("publicKey", publicKey)
                .param("now", Timestamps.toColumn(now))
                .param("id", id)
                .update() == 1;
    }

    Optional<StoredDevice> find(UUID id) {
        return jdbc.sql("SELECT * FROM authenticator_device WHERE id = :id").param("id", id)
                .query(JdbcAuthenticatorDevices::device).optional();
    }

    void revoke(UUID id) {
        jdbc.sql("UPDATE authenticator_device SET revoked = TRUE WHERE id = :id").param("id", id).update();
    }

    void seen(UUID id, Instant now) {
        jdbc.sql("UPDATE authenticator_device SET last_seen_at = :now WHERE id = :id")
                .param("now", Timestamps.toColumn(now)).param("id", id).update();
    }

    /**
     * Remembers a nonce of a device: false when the device already used it (still remembered), so that of two
     * requests with one nonce, on one node or two, only one is accepted. Runs in its own statement: callers must not
     * hold a transaction around it (a failed insert would spoil it on PostgreSQL).
     */
    boolean rememberNonce(UUID deviceId, String nonce, Instant now) {
        try {
            jdbc.sql("INSERT INTO authenticator_nonce (device_id, nonce, created_at) VALUES (:deviceId, :nonce, :now)")
                    .param("deviceId", deviceId)
                    .param("nonce", nonce)
                    .param("now", Timestamps.toColumn(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void forgetNonces(UUID deviceId, Instant before) {
        jdbc.sql("DELETE FROM authenticator_nonce WHERE device_id = :deviceId AND created_at < :before")
                .param("deviceId", deviceId).param("before", Timestamps.toColumn(before)).update();
    }

    void forgetAllNonces(Instant before) {
        jdbc.sql("DELETE FROM authenticator_nonce WHERE created_at < :before")
                .param("before", Timestamps.toColumn(before)).update();
    }

    private static StoredDevice device(ResultSet rs, int row) throws SQLException {
        return new StoredDevice(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                Optional.ofNullable(rs.getString("name")),
                Optional.ofNullable(rs.getString("public_key")),
                rs.getString("sealed_totp_secret"),
                Timestamps.optionalFromColumn(rs, "activated_at"),
                rs.getBoolean("revoked"));
    }
}
