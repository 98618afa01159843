package io.verrou.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.crypto.KeyedHash;
import io.verrou.user.User;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering apps (SPEC S12), from the console and the API alike: what is accepted, the secret made and shown once,
 * and an audit entry for every change (never the secret).
 */
@Service
public class AppRegistrations {

    static final String SECRET_PURPOSE = "oidc-client-secret";
    static final int MAX_NAME = 200;
    static final int MAX_URIS = 10;
    static final int MAX_URI = 1000;
    static final List<String> SCOPES = List.of("openid", "profile", "email", "offline_access");
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(10);
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(14);
    static final Duration SHORTEST_ACCESS = Duration.ofMinutes(5);
    /** Keys stay published a little longer than this after they stop signing ({@link SigningKeys#RETIRED_KEPT}). */
    static final Duration LONGEST_ACCESS = Duration.ofDays(1);
    static final Duration SHORTEST_REFRESH = Duration.ofDays(1);
    static final Duration LONGEST_REFRESH = Duration.ofDays(90);

    private final JdbcAppRepository apps;
    private final KeyedHash hashes;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    public AppRegistrations(JdbcAppRepository apps, KeyedHash hashes, AuditLog audit, SecureRandom random, Clock clock) {
        this.apps = apps;
        this.hashes = hashes;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /**
     * What an administrator fills in.
     *
     * @param name           the app's name
     * @param publicClient   a browser or mobile app (no secret, PKCE)
     * @param redirectUris   one per line
     * @param postLogoutUris one per line
     * @param requiresMfa    a second factor at every sign-in to it
     * @param backchannelLogoutUri where to tell it a sign-in ended, or blank
     * @param accessTokenLifetime  how long its access and ID tokens last: 5 minutes to a day
     * @param refreshTokenLifetime how long a refresh token lasts unused: a day to 90 days
     */
    public record Form(String name, boolean publicClient, String redirectUris, String postLogoutUris,
            boolean requiresMfa, String backchannelLogoutUri, Duration accessTokenLifetime, Duration refreshTokenLifetime) {

        /** With the usual lifetimes: 10 minutes for access tokens, 14 days for refresh tokens. */
        public Form(String name, boolean publicClient, String redirectUris, String postLogoutUris, boolean requiresMfa,
                String backchannelLogoutUri) {
            this(name, publicClient, redirectUris, postLogoutUris, requiresMfa, backchannelLogoutUri,
                    ACCESS_TOKEN_LIFETIME, REFRESH_TOKEN_LIFETIME);
        }
    }

    /** The outcome: the app, and its secret this once; or the message key of what was wrong. */
    public sealed interface Result {
        record Registered(App app, Optional<String> secret) implements Result {
        }

        record Refused(String errorKey) implements Result {
        }
    }

    @Transactional
    public Result register(User admin, Form form, ClientInfo client) {
        Optional<String> problem = problem(form);
        if (problem.isPresent()) {
            return new Result.Refused(problem.get());
        }
        Instant now = clock.instant();
        Optional<String> secret = form.publicClient() ? Optional.empty() : Optional.of(randomToken(32));
        App app = new App(UUID.randomUUID(), admin.tenantId(), randomToken(18), form.name().strip(), form.publicClient(),
                uris(form.redirectUris()), uris(form.postLogoutUris()), SCOPES, form.requiresMfa(),
                blankToEmpty(form.backchannelLogoutUri()), form.accessTokenLifetime(), form.refreshTokenLifetime(), now,
                secret.map(s -> now));
        apps.insert(app, secret.map(s -> hashes.hash(SECRET_PURPOSE, s)));
        record(admin, "app.register", app, client);
        return new Result.Registered(app, secret);
    }

    @Transactional
    public Result update(User admin, UUID appId, Form form, ClientInfo client) {
        Optional<App> existing = apps.find(admin.tenantId(), appId);
        if (existing.isEmpty()) {
            return new Result.Refused("admin.apps.unknown");
        }
        Optional<String> problem = problem(new Form(form.name(), existing.get().publicClient(), form.redirectUris(),
                form.postLogoutUris(), form.requiresMfa(), form.backchannelLogoutUri(), form.accessTokenLifetime(),
                form.refreshTokenLifetime()));
        if (problem.isPresent()) {
            return new Result.Refused(problem.get());
        }
        App old = existing.get();
        App app = new App(old.id(), old.tenantId(), old.clientId(), form.name().strip(), old.publicClient(),
                uris(form.redirectUris()), uris(form.postLogoutUris()), old.scopes(), form.requiresMfa(),
                blankToEmpty(form.backchannelLogoutUri()), form.accessTokenLifetime(), form.refreshTokenLifetime(),
                old.createdAt(), old.secretRotatedAt());
        apps.update(app);
        record(admin, "app.update", app, client);
        return new Result.Registered(app, Optional.empty());
    }

    /** A new secret for a confidential app; the old one stops working at once. */
    @Transactional
    public Optional<String> rotateSecret(User admin, UUID appId, ClientInfo client) {
        Optional<App> app = apps.find(admin.tenantId(), appId).filter(a -> !a.publicClient());
        app.ifPresent(a -> record(admin, "app.secret", a, client));
        return app.map(a -> {
            String secret = randomToken(32);
            apps.replaceSecret(admin.tenantId(), appId, hashes.hash(SECRET_PURPOSE, secret), clock.instant());
            return secret;
        });
    }

    /** Removes the app and everything it was given. */
    @Transactional
    public boolean delete(User admin, UUID appId, ClientInfo client) {
        Optional<App> app = apps.find(admin.tenantId(), appId);
        app.ifPresent(a -> record(admin, "app.delete", a, client));
        return app.isPresent() && apps.delete(admin.tenantId(), appId);
    }

    public List<App> list(UUID tenantId) {
        return apps.list(tenantId);
    }

    public Optional<App> find(UUID tenantId, UUID appId) {
        return apps.find(tenantId, appId);
    }

    private void record(User admin, String action, App app, ClientInfo client) {
        audit.record(AuditEvent.of(AuditEventType.ADMIN_ACTION, AuditResult.SUCCESS, admin.email(), client)
                .forUser(admin.tenantId(), admin.id()).because(action)
                .withDetail(app.name() + " (" + app.clientId() + ")"));
    }

    private static Optional<String> problem(Form form) {
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return Optional.of("admin.apps.name.invalid");
        }
        if (form.redirectUris() == null || form.redirectUris().length() > MAX_URIS * (MAX_URI + 2)) {
            return Optional.of("admin.apps.redirect.invalid");
        }
        List<String> redirects = uris(form.redirectUris());
        if (redirects.isEmpty() || redirects.size() > MAX_URIS || !redirects.stream().allMatch(AppRegistrations::acceptable)) {
            return Optional.of("admin.apps.redirect.invalid");
        }
        String logout = form.postLogoutUris() == null ? "" : form.postLogoutUris();
        List<String> logouts = logout.length() > MAX_URIS * (MAX_URI + 2) ? List.of("-") : uris(logout);
        if (logouts.size() > MAX_URIS || !logouts.stream().allMatch(AppRegistrations::acceptable)) {
            return Optional.of("admin.apps.logout.invalid");
        }
        if (outside(form.accessTokenLifetime(), SHORTEST_ACCESS, LONGEST_ACCESS)
                || outside(form.refreshTokenLifetime(), SHORTEST_REFRESH, LONGEST_REFRESH)) {
            return Optional.of("admin.apps.lifetimes.invalid");
        }
        Optional<String> backchannel = blankToEmpty(form.backchannelLogoutUri());
        if (backchannel.isPresent() && (!acceptable(backchannel.get()) || !backchannel.get().startsWith("http"))) {
            return Optional.of("admin.apps.backchannel.invalid");
        }
        return Optional.empty();
    }

    private static boolean outside(Duration value, Duration shortest, Duration longest) {
        return value == null || value.compareTo(shortest) < 0 || value.compareTo(longest) > 0;
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** One per line (or separated by spaces), kept once each, in the order typed. */
    static List<String> uris(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(List.of(text.strip().split("\\s+"))));
    }

    /**
     * An absolute URI without a fragment, by HTTPS, or by HTTP to this machine only (a developer's app); a native
     * app's own scheme ({@code com.example.app:/callback}) too.
     */
    static boolean acceptable(String uri) {
        if (uri.length() > MAX_URI) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() || parsed.getFragment() != null || parsed.getScheme() == null) {
                return false;
            }
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https")) {
                return parsed.getHost() != null;
            }
            if (scheme.equals("http")) {
                String host = parsed.getHost();
                return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
            }
            // A private-use scheme must look like a reversed domain (RFC 8252 7.1).
            return scheme.contains(".") && !scheme.equals("javascript") && !scheme.equals("data");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /**
     * How the authorization server checks a client secret: against its keyed hash, in constant time. A secret is 256
     * random bits, so a slow hash would add nothing but cost at every token request.
     */
    static PasswordEncoder secretEncoder(KeyedHash hashes) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return hashes.hash(SECRET_PURPOSE, raw.toString());
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return raw != null && encoded != null && hashes.matches(SECRET_PURPOSE, raw.toString(), encoded);
            }
        };
    }
}
