package io.verrou.oidc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.verrou.crypto.KeyedHash;
import io.verrou.crypto.SecretSealer;
import io.verrou.signin.SignInDetails;
import io.verrou.user.SignedInUser;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What apps were given, in the database so that any node serves any step: each authorization is one value sealed
 * with the master key, found by the keyed hash of any of its codes and tokens, only at its own organisation's issuer.
 * A refresh token is good once: the one it was exchanged for replaces it, and one presented again revokes every token
 * of its sign-in to that app (it was copied).
 */
@Repository
public class JdbcAppAuthorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(JdbcAppAuthorizations.class);
    private static final String HASH_PURPOSE = "oidc-token";
    /** A consent or a request in progress has no token to expire with; it lasts this long. */
    private static final Duration PENDING = Duration.ofMinutes(10);
    /** Sealed values are ours, authenticated by the seal; the filter is a second lock on what they may hold. */
    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=24;maxrefs=10000;java.**;org.springframework.**;io.verrou.**;!*");

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final KeyedHash hashes;
    private final Issuers issuers;
    private final Clock clock;

    public JdbcAppAuthorizations(JdbcClient jdbc, SecretSealer sealer, KeyedHash hashes, Issuers issuers, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.hashes = hashes;
        this.issuers = issuers;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void save(OAuth2Authorization authorization) {
        UUID tenantId = issuers.currentTenantId().orElseThrow(() -> new IllegalStateException("No issuer"));
        Optional<String> refresh = hash(authorization.getRefreshToken());
        Optional<String> previous = jdbc.sql("SELECT refresh_token_hash FROM oidc_authorization WHERE id = :id")
                .param("id", authorization.getId()).query(String.class).optional();
        if (previous.isPresent() && !previous.equals(refresh)) {
            // The token it replaces may never be used again.
            jdbc.sql("INSERT INTO oidc_used_refresh_token (token_hash, authorization_id, expires_at) VALUES (:hash, :id, :expires)")
                    .param("hash", previous.get()).param("id", authorization.getId())
                    .param("expires", Timestamp.from(expiry(authorization)))
                    .update();
        }
        Authentication principal = authorization.getAttribute(Principal.class.getName());
        Optional<UUID> userId = principal != null && principal.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user.userId()) : Optional.empty();
        String sealed = sealer.seal(serialize(authorization), "oidc-authorization:" + authorization.getId());
        int updated = jdbc.sql("""
                UPDATE oidc_authorization SET state_hash = :state, code_hash = :code, access_token_hash = :access,
                refresh_token_hash = :refresh, id_token_hash = :idToken, sealed = :sealed, expires_at = :expires
                WHERE id = :id AND tenant_id = :tenantId""")
                .params(columns(authorization, refresh, sealed))
                .param("id", authorization.getId()).param("tenantId", tenantId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO oidc_authorization (id, tenant_id, app_id, principal_name, user_id, sid, state_hash,
                    code_hash, access_token_hash, refresh_token_hash, id_token_hash, sealed, expires_at)
                    VALUES (:id, :tenantId, :appId, :principal, :userId, :sid, :state, :code, :access, :refresh,
                    :idToken, :sealed, :expires)""")
                    .params(columns(authorization, refresh, sealed))
                    .param("id", authorization.getId()).param("tenantId", tenantId)
                    .param("appId", UUID.fromString(authorization.getRegisteredClientId()))
                    .param("principal", authorization.getPrincipalName())
                    .param("userId", userId.orElse(null))
                    .param("sid", principal == null ? null
                            : SignInDetails.of(principal).map(SignInDetails::signInId).orElse(null))
                    .update();
        }
    }

    private Map<String, Object> columns(OAuth2Authorization authorization, Optional<String> refresh,
            String sealed) {
        Map<String, Object> values = new HashMap<>();
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        values.put("state", state == null ? null : hashes.hash(HASH_PURPOSE, state));
        values.put("code", hash(authorization.getToken(OAuth2AuthorizationCode.class)).orElse(null));
        values.put("access", hash(authorization.getAccessToken()).orElse(null));
        values.put("refresh", refresh.orElse(null));
        values.put("idToken", hash(authorization.getToken(OidcIdToken.class)).orElse(null));
        values.put("sealed", sealed);
        values.put("expires", Timestamp.from(expiry(authorization)));
        return values;
    }

    private Optional<String> hash(OAuth2Authorization.@Nullable Token<? extends OAuth2Token> token) {
        return token == null ? Optional.empty() : Optional.of(hashes.hash(HASH_PURPOSE, token.getToken().getTokenValue()));
    }

    /** The last moment any of its tokens is good. */
    private Instant expiry(OAuth2Authorization authorization) {
        Instant pending = clock.instant().plus(PENDING);
        return Stream.of(authorization.getToken(OAuth2AuthorizationCode.class), authorization.getAccessToken(),
                        authorization.getRefreshToken(), authorization.getToken(OidcIdToken.class))
                .filter(Objects::nonNull)
                .map(token -> token.getToken().getExpiresAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .filter(latest -> latest.isAfter(pending))
                .orElse(pending);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.sql("DELETE FROM oidc_authorization WHERE id = :id").param("id", authorization.getId()).update();
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return issuers.currentTenantId().flatMap(tenantId -> jdbc.sql(
                        "SELECT id, sealed FROM oidc_authorization WHERE id = :id AND tenant_id = :tenantId")
                .param("id", id).param("tenantId", tenantId)
                .query((rs, row) -> new Row(rs.getString("id"), rs.getString("sealed"))).optional())
                .flatMap(this::open)
                .orElse(null);
    }

    @Override
    @Transactional
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        Optional<UUID> tenantId = issuers.currentTenantId();
        if (tenantId.isEmpty() || token.length() > 10_000) {
            return null;
        }
        String hash = hashes.hash(HASH_PURPOSE, token);
        List<String> columns = columnsFor(tokenType);
        if (columns.isEmpty()) {
            return null;
        }
        String where = String.join(" OR ", columns.stream().map(c -> c + " = :hash").toList());
        Optional<OAuth2Authorization> found = jdbc.sql("SELECT id, sealed FROM oidc_authorization WHERE tenant_id = :tenantId AND ("
                        + where + ")")
                .param("tenantId", tenantId.get()).param("hash", hash)
                .query((rs, row) -> new Row(rs.getString("id"), rs.getString("sealed"))).optional()
                .flatMap(this::open);
        if (found.isEmpty() && columns.contains("refresh_token_hash")) {
            revokeIfReused(hash);
        }
        return found.orElse(null);
    }

    /** A refresh token already exchanged, presented again: every token of its family ends. */
    private void revokeIfReused(String hash) {
        jdbc.sql("SELECT authorization_id FROM oidc_used_refresh_token WHERE token_hash = :hash")
                .param("hash", hash).query(String.class).optional()
                .ifPresent(authorizationId -> {
                    int ended = jdbc.sql("DELETE FROM oidc_authorization WHERE id = :id").param("id", authorizationId).update();
                    if (ended > 0) {
                        log.warn("A refresh token was used twice: authorization {} and its tokens are revoked", authorizationId);
                    }
                });
    }

    private static List<String> columnsFor(@Nullable OAuth2TokenType type) {
        if (type == null) {
            return List.of("state_hash", "code_hash", "access_token_hash", "refresh_token_hash", "id_token_hash");
        }
        return switch (type.getValue()) {
            case OAuth2ParameterNames.STATE -> List.of("state_hash");
            case OAuth2ParameterNames.CODE -> List.of("code_hash");
            case OAuth2ParameterNames.ACCESS_TOKEN -> List.of("access_token_hash");
            case OAuth2ParameterNames.REFRESH_TOKEN -> List.of("refresh_token_hash");
            case OidcParameterNames.ID_TOKEN -> List.of("id_token_hash");
            default -> List.of();
        };
    }

    // ---- what ends with a sign-in ---------------------------------------------------------------------------

    /** Ends what apps were given in one sign-in; returns how many authorizations ended. */
    int removeSignIn(UUID userId, String signInId) {
        return jdbc.sql("DELETE FROM oidc_authorization WHERE user_id = :userId AND sid = :sid")
                .param("userId", userId).param("sid", signInId).update();
    }

    /** Ends what apps were given in every sign-in of a person. */
    int removeAll(UUID userId) {
        return jdbc.sql("DELETE FROM oidc_authorization WHERE user_id = :userId").param("userId", userId).update();
    }

    /**
     * The apps to tell that the sign-in (or, when empty, every sign-in) of a person ended: those holding its tokens that
     * registered a back-channel logout address, one notice per app and sign-in.
     */
    List<BackChannelLogout.Notice> toTell(UUID userId, Optional<String> signInId) {
        return jdbc.sql("""
                        SELECT DISTINCT a.tenant_id, p.client_id, p.backchannel_logout_uri, a.sid
                        FROM oidc_authorization a JOIN oidc_app p ON p.id = a.app_id
                        WHERE a.user_id = :userId AND p.backchannel_logout_uri IS NOT NULL""" + (signInId.isPresent() ? " AND a.sid = :sid" : ""))
                .param("userId", userId).param("sid", signInId.orElse(null))
                .query((rs, row) -> new BackChannelLogout.Notice(rs.getObject("tenant_id", UUID.class),
                        rs.getString("client_id"), rs.getString("backchannel_logout_uri"), userId,
                        Optional.ofNullable(rs.getString("sid"))))
                .list();
    }

    /** What nobody can use any more: authorizations whose every token expired, spent refresh tokens past their end. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    public int removeExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("DELETE FROM oidc_used_refresh_token WHERE expires_at < :now").param("now", now).update();
        return jdbc.sql("DELETE FROM oidc_authorization WHERE expires_at < :now").param("now", now).update();
    }

    // ---- the sealed form --------------------------------------------------------------------------------------

    private byte[] serialize(OAuth2Authorization authorization) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new IllegalStateException("An authorization could not be written", e);
        }
        return bytes.toByteArray();
    }

    private record Row(String id, String sealed) {
    }

    private Optional<OAuth2Authorization> open(Row row) {
        byte[] bytes = sealer.open(row.sealed(), "oidc-authorization:" + row.id());
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(CLASSES);
            return Optional.of((OAuth2Authorization) in.readObject());
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            // Written by a version that can't be read any more: as good as gone, the app signs the person in again.
            log.warn("Authorization {} could not be read: {}", row.id(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
