package io.verrou.method.tap;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.verrou.Timestamps;
import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.delivery.EmailComposer;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Temporary Access Passes (SPEC S11): an administrator issues one, for a lifetime the organisation's policy
 * allows, to be used once or until it expires; the person signs in with it instead of their password and second
 * factor, typically to set up their security info. Twelve characters, about 70 bits, typed once; only a keyed
 * hash is kept, and issuing a new pass replaces the old one. Never to oneself: that would be a silent way around
 * one's own second factor. Issuing, using and the expiry of a pass are told to its holder ({@link PassEvent}).
 */
@Service
public class TemporaryAccessPasses {

    private static final String PURPOSE = "temporary-access-pass";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 12;

    private final JdbcClient jdbc;
    private final JdbcTenantRepository tenants;
    private final JdbcUserRepository users;
    private final KeyedHash keyedHash;
    private final SecureRandom random;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    public TemporaryAccessPasses(JdbcClient jdbc, JdbcTenantRepository tenants, JdbcUserRepository users,
            KeyedHash keyedHash, SecureRandom random, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.users = users;
        this.events = events;
        this.audit = audit;
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

    /**
     * Something happened to a person's pass, for the email that follows the commit.
     *
     * @param expiresAt when the pass stops (or stopped) working
     */
    public record PassEvent(What what, User user, Instant expiresAt, ClientInfo client, Instant when) {

        /** What happened, and the notice that tells the person. */
        public enum What {
            ISSUED(EmailComposer.Notice.PASS_ISSUED), USED(EmailComposer.Notice.PASS_USED),
            EXPIRED(EmailComposer.Notice.PASS_EXPIRED);

            private final EmailComposer.Notice notice;

            What(EmailComposer.Notice notice) {
                this.notice = notice;
            }

            public EmailComposer.Notice notice() {
                return notice;
            }
        }

        /** The moment the notice names: when the pass expires or expired; none for a pass just used. */
        public Optional<Instant> moment() {
            return what == What.USED ? Optional.empty() : Optional.of(expiresAt);
        }
    }

    /** Whether the organisation lets passes serve sign-in. */
    public boolean enabled(UUID tenantId) {
        return tenants.methodPolicies(tenantId).stream()
                .anyMatch(p -> p.method().equals("tap") && p.enabled() && p.forSignIn());
    }

    /** Issues a pass for {@code user}, replacing any other; the lifetime must be within the policy's bounds. */
    @Transactional
    public Issue issue(User admin, User user, Duration lifetime, boolean oneTime, ClientInfo client) {
        if (admin.id().equals(user.id())) {
            return new Issue.Refused("admin.tap.yourself");
        }
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
        events.publishEvent(new PassEvent(PassEvent.What.ISSUED, user, expiresAt, client, now));
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
    public boolean verify(User user, String typed, ClientInfo client) {
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
        events.publishEvent(new PassEvent(PassEvent.What.USED, user, stored.get().pass().expiresAt(), client, now));
        return true;
    }

    /**
     * Tells the holders of passes that expired since the last look, once each (SPEC S11), and audits it. Every node
     * may run it: each pass is claimed by one update, which only one node wins.
     *
     * @return how many expiries were told
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public int notifyExpired() {
        Instant now = clock.instant();
        List<UUID> expired = jdbc.sql("""
                SELECT user_id FROM temporary_access_pass
                WHERE expires_at <= :now AND NOT expiry_notified AND (used_at IS NULL OR NOT one_time)""")
                .param("now", Timestamps.toColumn(now))
                .query(UUID.class)
                .list();
        int told = 0;
        for (UUID userId : expired) {
            boolean claimed = jdbc.sql("""
                    UPDATE temporary_access_pass SET expiry_notified = TRUE
                    WHERE user_id = :userId AND NOT expiry_notified AND expires_at <= :now""")
                    .param("userId", userId).param("now", Timestamps.toColumn(now)).update() == 1;
            Optional<User> user = users.findById(userId);
            Optional<Instant> expiresAt = jdbc.sql("SELECT expires_at FROM temporary_access_pass WHERE user_id = :userId")
                    .param("userId", userId).query((rs, row) -> Timestamps.fromColumn(rs, "expires_at")).optional();
            if (claimed && user.isPresent() && expiresAt.isPresent()) {
                audit.record(AuditEvent.of(AuditEventType.TEMPORARY_ACCESS_PASS, AuditResult.SUCCESS, user.get().email(),
                        ClientInfo.system()).forUser(user.get().tenantId(), userId).because("expired"));
                events.publishEvent(new PassEvent(PassEvent.What.EXPIRED, user.get(), expiresAt.get(), ClientInfo.system(), now));
                told++;
            }
        }
        return told;
    }

    private record Stored(String hash, Pass pass) {
    }
}
