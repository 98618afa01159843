package io.verrou.method.tap;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;
import io.verrou.crypto.KeyedHash;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.User;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Temporary Access Passes (SPEC S11): an administrator issues one, for a lifetime the organisation's policy
 * allows, to be used once or until it expires; the person signs in with it instead of their password and second
 * factor, typically to set up their security info. Twelve characters, about 70 bits, typed once; only a keyed
 * hash is kept, and issuing a new pass replaces the old one.
 */
@Service
public class TemporaryAccessPasses {

    private static final String PURPOSE = "temporary-access-pass";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 12;

    private final JdbcClient jdbc;
    private final JdbcTenantRepository tenants;
    private final KeyedHash keyedHash;
    private final SecureRandom random;
    private final Clock clock;

    public TemporaryAccessPasses(JdbcClient jdbc, JdbcTenantRepository tenants, KeyedHash keyedHash, SecureRandom random,
            Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.keyedHash = keyedHash;
        this.random = random;
        this.clock = clock;
    }

    /**
     * A person's pass, as the console shows it.
     *
     * @param expiresAt when it stops working
     * @param oneTime   whether one sign-in uses it up
     * @param used      whether a one-time pass was used
     */
    public record Pass(Instant expiresAt, boolean oneTime, boolean used) {
    }

    /** How issuing a pass ended: the pass to show once, or why not. */
    public sealed interface Issue {
        record Issued(String pass, Instant expiresAt, boolean oneTime) implements Issue {
            /** Leaves the pass out. */
            @Override
            public String toString() {
                return "Issued[expiresAt=" + expiresAt + ", oneTime=" + oneTime + "]";
            }
        }

        record Refused(String messageKey) implements Issue {
        }
    }

    /** Whether the organisation lets passes serve sign-in. */
    public boolean enabled(UUID tenantId) {
        return tenants.methodPolicies(tenantId).stream()
                .anyMatch(p -> p.method().equals("tap") && p.enabled() && p.forSignIn());
    }

    /** Issues a pass for {@code user}, replacing any other; the lifetime must be within the policy's bounds. */
    @Transactional
    public Issue issue(User admin, User user, Duration lifetime, boolean oneTime) {
        if (!enabled(user.tenantId())) {
            return new Issue.Refused("admin.tap.disabled");
        }
        TenantPolicy policy = tenants.policy(user.tenantId());
        if (lifetime.compareTo(policy.tapMinLifetime()) < 0 || lifetime.compareTo(policy.tapMaxLifetime()) > 0) {
            return new Issue.Refused("admin.tap.lifetime");
        }
        StringBuilder pass = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            pass.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        jdbc.sql("DELETE FROM temporary_access_pass WHERE user_id = :userId").param("userId", user.id()).update();
        jdbc.sql("""
                INSERT INTO temporary_access_pass (user_id, tenant_id, pass_hash, issued_by, created_at, expires_at, one_time)
                VALUES (:userId, :tenantId, :hash, :issuedBy, :createdAt, :expiresAt, :oneTime)""")
                .param("userId", user.id())
                .param("tenantId", user.tenantId())
                .param("hash", keyedHash.hash(PURPOSE, user.id() + ":" + pass))
                .param("issuedBy", admin.id())
                .param("createdAt", Timestamps.toColumn(now))
                .param("expiresAt", Timestamps.toColumn(expiresAt))
                .param("oneTime", oneTime)
                .update();
        return new Issue.Issued(pass.toString(), expiresAt, oneTime);
    }

    /** The person's pass while it can still be used. */
    public Optional<Pass> active(UUID userId) {
        return jdbc.sql("SELECT expires_at, one_time, used_at FROM temporary_access_pass WHERE user_id = :userId")
                .param("userId", userId)
                .query((rs, row) -> new Pass(Timestamps.fromColumn(rs, "expires_at"), rs.getBoolean("one_time"),
                        Timestamps.optionalFromColumn(rs, "used_at").isPresent()))
                .optional()
                .filter(p -> clock.instant().isBefore(p.expiresAt()) && !(p.oneTime() && p.used()));
    }

    public void revoke(UUID userId) {
        jdbc.sql("DELETE FROM temporary_access_pass WHERE user_id = :userId").param("userId", userId).update();
    }

    /** Whether {@code typed} is the person's usable pass; a one-time pass is used up by it. */
    @Transactional
    public boolean verify(User user, String typed) {
        if (typed == null || typed.length() > 64 || !enabled(user.tenantId())) {
            return false;
        }
        // The row is locked first, so that two sign-ins with one one-time pass can't both get in.
        Optional<Stored> stored = jdbc.sql("""
                SELECT pass_hash, expires_at, one_time, used_at FROM temporary_access_pass
                WHERE user_id = :userId FOR UPDATE""")
                .param("userId", user.id())
                .query((rs, row) -> new Stored(rs.getString("pass_hash"), new Pass(Timestamps.fromColumn(rs, "expires_at"),
                        rs.getBoolean("one_time"), Timestamps.optionalFromColumn(rs, "used_at").isPresent())))
                .optional();
        Instant now = clock.instant();
        if (stored.isEmpty() || !now.isBefore(stored.get().pass().expiresAt())
                || (stored.get().pass().oneTime() && stored.get().pass().used())
                || !keyedHash.matches(PURPOSE, user.id() + ":" + typed.strip(), stored.get().hash())) {
            return false;
        }
        jdbc.sql("UPDATE temporary_access_pass SET used_at = :now WHERE user_id = :userId")
                .param("now", Timestamps.toColumn(now)).param("userId", user.id()).update();
        return true;
    }

    private record Stored(String hash, Pass pass) {
    }
}
