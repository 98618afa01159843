package io.verrou.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens of the admin API (SPEC S11): 256 random bits, shown once to the administrator who creates one,
 * kept only as a keyed hash, acting for that administrator's organisation with the scopes chosen, until it expires
 * (90 days unless said otherwise, a year at most), is revoked, or its creator stops being an enabled administrator.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "vrt_";
    private static final String PURPOSE = "api-token";
    private static final int MAX_NAME = 100;
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 365;

    private final JdbcApiTokens tokens;
    private final KeyedHash keyedHash;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    public ApiTokens(JdbcApiTokens tokens, KeyedHash keyedHash, AuditLog audit, SecureRandom random, Clock clock) {
        this.tokens = tokens;
        this.keyedHash = keyedHash;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /** A new token and its one showing. */
    public record Issued(ApiToken token, String secret) {
        /** Leaves the secret out. */
        @Override
        public String toString() {
            return "Issued[" + token + "]";
        }
    }

    /**
     * Creates a token for the administrator's organisation; empty when the name is blank or too long, the lifetime
     * is not 1 to {@value #MAX_DAYS} days, or no scope is chosen.
     */
    @Transactional
    public Optional<Issued> issue(User admin, String name, int days, Set<ApiScope> scopes, ClientInfo client) {
        String tidy = name.strip();
        if (tidy.isEmpty() || tidy.codePointCount(0, tidy.length()) > MAX_NAME || days < 1 || days > MAX_DAYS
                || scopes.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(UUID.randomUUID(), admin.tenantId(), tidy, admin.id(), now, Optional.empty(),
                Optional.empty(), now.plus(Duration.ofDays(days)), scopes);
        tokens.insert(token, keyedHash.hash(PURPOSE, secret));
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because("api_token_created")
                .withDetail(tidy + " (" + days + " days; " + String.join(" ",
                        token.scopeList().stream().map(ApiScope::id).toList()) + ")"));
        return Optional.of(new Issued(token, secret));
    }

    public List<ApiToken> list(UUID tenantId) {
        return tokens.list(tenantId);
    }

    @Transactional
    public boolean revoke(User admin, UUID tokenId, ClientInfo client) {
        boolean revoked = tokens.revoke(admin.tenantId(), tokenId, clock.instant());
        if (revoked) {
            audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                    .forUser(admin.tenantId(), admin.id()).because("api_token_revoked").withDetail(tokenId.toString()));
        }
        return revoked;
    }

    /** The active token a presented secret is, if any; its last use is noted. */
    @Transactional
    Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> token = tokens.findActive(keyedHash.hash(PURPOSE, secret), now);
        token.ifPresent(t -> tokens.used(t.id(), now));
        return token;
    }
}
