package io.verrou.oidc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Repository;

/**
 * The registered apps, and the authorization server's view of them: an app is found only by the issuer of its own
 * organisation, so a client id of one organisation means nothing at another's.
 */
@Repository
public class JdbcAppRepository implements RegisteredClientRepository {

    /** Client setting: every sign-in to the app needs a second factor. */
    static final String REQUIRES_MFA = "verrou.requires-mfa";
    /** Client setting: where the app is told that a sign-in ended. */
    static final String BACKCHANNEL_LOGOUT_URI = "verrou.backchannel-logout-uri";

    private static final String COLUMNS = """
            id, tenant_id, client_id, name, public_client, secret_hash, redirect_uris, post_logout_uris, scopes,
            requires_mfa, backchannel_logout_uri, access_token_seconds, refresh_token_seconds, created_at,
            secret_rotated_at""";

    private final JdbcClient jdbc;
    private final Issuers issuers;

    public JdbcAppRepository(JdbcClient jdbc, Issuers issuers) {
        this.jdbc = jdbc;
        this.issuers = issuers;
    }

    void insert(App app, Optional<String> secretHash) {
        jdbc.sql("INSERT INTO oidc_app (" + COLUMNS + """
                ) VALUES (:id, :tenantId, :clientId, :name, :publicClient, :secretHash, :redirectUris,
                :postLogoutUris, :scopes, :requiresMfa, :backchannel, :accessSeconds, :refreshSeconds, :createdAt,
                :rotatedAt)""")
                .param("id", app.id()).param("tenantId", app.tenantId()).param("clientId", app.clientId())
                .param("name", app.name()).param("publicClient", app.publicClient())
                .param("secretHash", secretHash.orElse(null))
                .param("redirectUris", String.join("\n", app.redirectUris()))
                .param("postLogoutUris", String.join("\n", app.postLogoutUris()))
                .param("scopes", String.join(" ", app.scopes()))
                .param("requiresMfa", app.requiresMfa())
                .param("backchannel", app.backchannelLogoutUri().orElse(null))
                .param("accessSeconds", (int) app.accessTokenLifetime().toSeconds())
                .param("refreshSeconds", (int) app.refreshTokenLifetime().toSeconds())
                .param("createdAt", Timestamp.from(app.createdAt()))
                .param("rotatedAt", app.secretRotatedAt().map(Timestamp::from).orElse(null))
                .update();
    }

    void update(App app) {
        jdbc.sql("""
                UPDATE oidc_app SET name = :name, redirect_uris = :redirectUris, post_logout_uris = :postLogoutUris,
                requires_mfa = :requiresMfa, backchannel_logout_uri = :backchannel,
                access_token_seconds = :accessSeconds, refresh_token_seconds = :refreshSeconds
                WHERE id = :id AND tenant_id = :tenantId""")
                .param("accessSeconds", (int) app.accessTokenLifetime().toSeconds())
                .param("refreshSeconds", (int) app.refreshTokenLifetime().toSeconds())
                .param("name", app.name())
                .param("redirectUris", String.join("\n", app.redirectUris()))
                .param("postLogoutUris", String.join("\n", app.postLogoutUris()))
                .param("requiresMfa", app.requiresMfa())
                .param("backchannel", app.backchannelLogoutUri().orElse(null))
                .param("id", app.id()).param("tenantId", app.tenantId())
                .update();
    }

    void replaceSecret(UUID tenantId, UUID id, String secretHash, Instant at) {
        jdbc.sql("UPDATE oidc_app SET secret_hash = :hash, secret_rotated_at = :at WHERE id = :id AND tenant_id = :tenantId")
                .param("hash", secretHash).param("at", Timestamp.from(at)).param("id", id).param("tenantId", tenantId)
                .update();
    }

    boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql("DELETE FROM oidc_app WHERE id = :id AND tenant_id = :tenantId")
                .param("id", id).param("tenantId", tenantId).update() == 1;
    }

    public List<App> list(UUID tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_app WHERE tenant_id = :tenantId ORDER BY name, client_id")
                .param("tenantId", tenantId).query(JdbcAppRepository::app).list();
    }

    public Optional<App> find(UUID tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_app WHERE id = :id AND tenant_id = :tenantId")
                .param("id", id).param("tenantId", tenantId).query(JdbcAppRepository::app).optional();
    }

    /** The app with this client id in the organisation; for Recent activity and the audit log. */
    public Optional<App> findByClientId(UUID tenantId, String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_app WHERE client_id = :clientId AND tenant_id = :tenantId")
                .param("clientId", clientId).param("tenantId", tenantId).query(JdbcAppRepository::app).optional();
    }

    // ---- the authorization server's view ------------------------------------------------------------------

    @Override
    public void save(RegisteredClient registeredClient) {
        // Apps are registered by administrators (AppRegistrations), never by the protocol.
        throw new UnsupportedOperationException("Apps are registered in the admin console or the API");
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        Optional<UUID> tenantId = issuers.currentTenantId();
        Optional<UUID> appId = parseUuid(id);
        if (tenantId.isEmpty() || appId.isEmpty()) {
            return null;
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_app WHERE id = :id AND tenant_id = :tenantId")
                .param("id", appId.get()).param("tenantId", tenantId.get())
                .query(JdbcAppRepository::registeredClient).optional().orElse(null);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        Optional<UUID> tenantId = issuers.currentTenantId();
        if (tenantId.isEmpty() || clientId.length() > 64) {
            return null;
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_app WHERE client_id = :clientId AND tenant_id = :tenantId")
                .param("clientId", clientId).param("tenantId", tenantId.get())
                .query(JdbcAppRepository::registeredClient).optional().orElse(null);
    }

    private static Optional<UUID> parseUuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static App app(ResultSet rs, int row) throws SQLException {
        Timestamp rotated = rs.getTimestamp("secret_rotated_at");
        return new App(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("client_id"), rs.getString("name"), rs.getBoolean("public_client"),
                lines(rs.getString("redirect_uris")), lines(rs.getString("post_logout_uris")),
                Arrays.asList(rs.getString("scopes").split(" ")), rs.getBoolean("requires_mfa"),
                Optional.ofNullable(rs.getString("backchannel_logout_uri")),
                Duration.ofSeconds(rs.getInt("access_token_seconds")),
                Duration.ofSeconds(rs.getInt("refresh_token_seconds")),
                rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rotated).map(Timestamp::toInstant));
    }

    private static List<String> lines(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split("\n"));
    }

    private static RegisteredClient registeredClient(ResultSet rs, int row) throws SQLException {
        App app = app(rs, row);
        RegisteredClient.Builder client = RegisteredClient.withId(app.id().toString())
                .clientId(app.clientId())
                .clientName(app.name())
                .clientIdIssuedAt(app.createdAt().truncatedTo(ChronoUnit.SECONDS))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(app.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(app.postLogoutUris()))
                .scopes(scopes -> scopes.addAll(app.scopes()));
        ClientSettings.Builder settings = ClientSettings.builder()
                .requireAuthorizationConsent(false)
                .requireProofKey(app.publicClient())
                .setting(REQUIRES_MFA, app.requiresMfa());
        app.backchannelLogoutUri().ifPresent(uri -> settings.setting(BACKCHANNEL_LOGOUT_URI, uri));
        if (app.publicClient()) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            client.clientSecret(rs.getString("secret_hash"))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        }
        return client.clientSettings(settings.build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(app.accessTokenLifetime())
                        .refreshTokenTimeToLive(app.refreshTokenLifetime())
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        // Every refresh gives a new refresh token; one used twice was copied (JdbcAppAuthorizations).
                        .reuseRefreshTokens(false)
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                        .build())
                .build();
    }
}
