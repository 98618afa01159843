package io.verrou.oidc;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import io.verrou.crypto.SecretSealer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys that sign ID and access tokens: one RS256 (OpenID Connect requires it) and one ES256 key, made the first
 * time they are needed and kept in the database with their private half sealed, so that every node signs with the
 * same keys. Rotating makes new ones; the old ones stay in the published set until every token they signed has
 * expired.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    /** Longer than any token lives (an app's tokens last at most a day). */
    static final Duration RETIRED_KEPT = Duration.ofHours(25);
    /** How long a node trusts what it read; a rotation on another node reaches it within this. */
    private static final Duration CACHED = Duration.ofSeconds(30);
    private static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final Clock clock;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private record Loaded(List<Key> keys, Instant at) {
    }

    /**
     * One signing key.
     *
     * @param jwk       the key with its private half
     * @param createdAt when it was made
     * @param retiredAt when it stopped signing, if it did
     */
    public record Key(JWK jwk, Instant createdAt, Optional<Instant> retiredAt) {

        public String kid() {
            return jwk.getKeyID();
        }

        public String algorithm() {
            return jwk.getAlgorithm().getName();
        }
    }

    public SigningKeys(JdbcClient jdbc, SecretSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<Key> keys = keys();
        // Signing asks for one algorithm and must find one key; the published set holds every key still trusted.
        boolean signing = selector.getMatcher().getAlgorithms() != null && !selector.getMatcher().getAlgorithms().isEmpty();
        List<JWK> candidates = new ArrayList<>();
        for (JWSAlgorithm algorithm : ALGORITHMS) {
            keys.stream().filter(k -> k.retiredAt().isEmpty() && k.jwk().getAlgorithm().equals(algorithm))
                    .max(Comparator.comparing(Key::createdAt)).ifPresent(k -> candidates.add(k.jwk()));
        }
        if (!signing) {
            keys.stream().filter(k -> !candidates.contains(k.jwk()))
                    .filter(k -> k.retiredAt().map(at -> at.plus(RETIRED_KEPT).isAfter(clock.instant())).orElse(true))
                    .forEach(k -> candidates.add(k.jwk()));
        }
        return selector.select(new JWKSet(candidates));
    }

    /** Every key still published, newest first. */
    public List<Key> keys() {
        Loaded current = loaded.get();
        Instant now = clock.instant();
        if (current != null && current.at().plus(CACHED).isAfter(now) && !current.at().isAfter(now)) {
            return current.keys();
        }
        List<Key> read = read();
        boolean missing = ALGORITHMS.stream().anyMatch(a -> read.stream().noneMatch(k -> k.retiredAt().isEmpty()
                && k.jwk().getAlgorithm().equals(a)));
        if (missing) {
            make(read);
        }
        List<Key> keys = missing ? read() : read;
        loaded.set(new Loaded(keys, now));
        return keys;
    }

    /** Retires the keys that sign now and makes new ones; the old stay published for a day. */
    @Transactional
    public void rotate() {
        Instant now = clock.instant();
        jdbc.sql("UPDATE oidc_signing_key SET retired_at = :now WHERE retired_at IS NULL")
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("DELETE FROM oidc_signing_key WHERE retired_at < :before")
                .param("before", Timestamp.from(now.minus(RETIRED_KEPT))).update();
        make(List.of());
        loaded.set(null);
    }

    private List<Key> read() {
        return jdbc.sql("SELECT kid, sealed_jwk, created_at, retired_at FROM oidc_signing_key ORDER BY created_at DESC")
                .query((rs, row) -> {
                    Timestamp retired = rs.getTimestamp("retired_at");
                    String kid = rs.getString("kid");
                    return new Key(parse(sealer.open(rs.getString("sealed_jwk"), "oidc-signing-key:" + kid)),
                            rs.getTimestamp("created_at").toInstant(),
                            Optional.ofNullable(retired).map(Timestamp::toInstant));
                })
                .list();
    }

    private static JWK parse(byte[] json) {
        try {
            return JWK.parse(new String(json, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("A signing key could not be read", e);
        }
    }

    private void make(List<Key> existing) {
        Instant now = clock.instant();
        for (JWSAlgorithm algorithm : ALGORITHMS) {
            if (existing.stream().anyMatch(k -> k.retiredAt().isEmpty() && k.jwk().getAlgorithm().equals(algorithm))) {
                continue;
            }
            JWK jwk = generate(algorithm, UUID.randomUUID().toString());
            jdbc.sql("INSERT INTO oidc_signing_key (kid, algorithm, sealed_jwk, created_at) VALUES (:kid, :alg, :sealed, :now)")
                    .param("kid", jwk.getKeyID()).param("alg", algorithm.getName())
                    .param("sealed", sealer.seal(jwk.toJSONString().getBytes(StandardCharsets.UTF_8),
                            "oidc-signing-key:" + jwk.getKeyID()))
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    private static JWK generate(JWSAlgorithm algorithm, String kid) {
        try {
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(kid).generate();
            }
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("A signing key could not be made", e);
        }
    }
}
