package io.verrou.user;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.verrou.crypto.AdmissionControlledPasswordEncoder;
import io.verrou.crypto.Argon2idPasswordEncoder;
import io.verrou.crypto.Argon2idPasswordEncoder.Argon2Parameters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password (and security-answer) hashes: Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), by the
 * reference implementation where it loads. Each hash carries its algorithm and parameters, so raising them later
 * re-hashes at the next sign-in instead of forcing a reset. Hashing runs under admission control
 * ({@code VERROU_HASH_CONCURRENCY}, default the number of cores; {@code VERROU_HASH_QUEUE_LENGTH}, default 8 waiting
 * per hash running; {@code VERROU_HASH_QUEUE_TIMEOUT}, default 2 s).
 */
@Configuration(proxyBeanMethods = false)
class PasswordEncoderConfiguration {

    static final String ENCODING_ID = "argon2";
    /** Callers that may wait per hash running: each waits about a hash's time per place ahead of it. */
    static final int QUEUED_PER_PERMIT = 8;

    @Bean
    AdmissionControlledPasswordEncoder passwordEncoder(@Value("${verrou.hash-concurrency:0}") int concurrency,
            @Value("${verrou.hash-queue-length:-1}") int queueLength,
            @Value("${verrou.hash-queue-timeout:2s}") Duration queueTimeout, SecureRandom random, MeterRegistry meters) {
        Argon2idPasswordEncoder argon2id = Argon2idPasswordEncoder.preferNative(Argon2Parameters.OWASP, random);
        PasswordEncoder delegating = new DelegatingPasswordEncoder(ENCODING_ID, Map.of(ENCODING_ID, argon2id));
        int permits = concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        int waiting = queueLength >= 0 ? queueLength : QUEUED_PER_PERMIT * permits;
        return new AdmissionControlledPasswordEncoder(delegating, argon2id.implementationName(), permits, waiting,
                queueTimeout, meters);
    }
}
