package io.verrou.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Tells the apps that registered a back-channel logout address that a sign-in ended (OpenID Connect Back-Channel
 * Logout 1.0): a signed logout token naming the person and the sign-in ({@code sid}), POSTed from the server, never
 * while a request or a transaction waits on it. An app that doesn't answer is not asked again; its tokens have ended
 * anyway.
 */
@Component
class BackChannelLogout implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * One app to tell.
     *
     * @param tenantId its organisation, whose issuer signs the token
     * @param clientId the app
     * @param uri      where it listens
     * @param userId   who signed out
     * @param sid      the sign-in that ended, when one did (else every sign-in of the person ended)
     */
    record Notice(UUID tenantId, String clientId, String uri, UUID userId, Optional<String> sid) {
    }

    private final JwtEncoder tokens;
    private final Issuers issuers;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "backchannel-logout");
        thread.setDaemon(true);
        return thread;
    });

    BackChannelLogout(JwtEncoder tokens, Issuers issuers, Clock clock) {
        this.tokens = tokens;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** Signs the notices now (the issuer is the request's), and sends them in the background. */
    void tell(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        String base = RequestContextHolder.getRequestAttributes() != null
                ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : "";
        for (Notice notice : notices) {
            Optional<String> issuer = issuers.issuer(notice.tenantId(), base)
                    .filter(i -> !i.startsWith("/t/"));
            if (issuer.isEmpty()) {
                log.warn("No issuer address to sign a logout token for app {} with", notice.clientId());
                continue;
            }
            String token = logoutToken(issuer.get(), notice);
            senders.execute(() -> send(notice, token));
        }
    }

    private String logoutToken(String issuer, Notice notice) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(notice.clientId()))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(2)))
                .id(UUID.randomUUID().toString())
                .subject(notice.userId().toString())
                .claim("events", Map.of(EVENT, Map.of()));
        notice.sid().ifPresent(sid -> claims.claim("sid", sid));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
        return tokens.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    private void send(Notice notice, String token) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(notice.uri()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                log.warn("App {} answered its back-channel logout with {}", notice.clientId(), answer.statusCode());
            }
        } catch (Exception e) {
            log.warn("App {} could not be told of a sign-out: {}", notice.clientId(), e.getClass().getSimpleName());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void destroy() {
        senders.shutdown();
    }
}
