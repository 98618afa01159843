package io.verrou.user;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashes: Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). Each hash carries its
 * algorithm and parameters, so raising them later re-hashes at the next sign-in instead of forcing a reset.
 */
@Configuration(proxyBeanMethods = false)
class PasswordEncoderConfiguration {

    static final String ENCODING_ID = "argon2";

    @Bean
    PasswordEncoder passwordEncoder() {
        PasswordEncoder argon2id = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        return new DelegatingPasswordEncoder(ENCODING_ID, Map.of(ENCODING_ID, argon2id));
    }
}
