package io.verrou;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The two sources every feature takes its time and its randomness from, so that tests can fix them.
 */
@Configuration(proxyBeanMethods = false)
class VerrouConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /** Work on a timer (telling people their pass expired); off in tests, which call it themselves. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "verrou.scheduling", havingValue = "true", matchIfMissing = true)
    static class Scheduling {
    }
}
