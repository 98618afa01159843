package io.verrou.capacity;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.verrou.crypto.AdmissionControlledPasswordEncoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Verrou can take at once, chosen on purpose and said at start (SPEC S14): the database pool
 * ({@code VERROU_DB_POOL_SIZE}) and how many hashes run together ({@code VERROU_HASH_CONCURRENCY}). Past either,
 * requests get a fast 503 ({@link Busy}, {@link BusyFilter}).
 */
@Configuration(proxyBeanMethods = false)
class CapacityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CapacityConfiguration.class);

    @Bean
    ApplicationListener<ApplicationReadyEvent> capacityReport(DataSource dataSource,
            AdmissionControlledPasswordEncoder hashing) {
        return ready -> {
            String pool = "unknown";
            try {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                pool = hikari.getMaximumPoolSize() + " connections (" + hikari.getConnectionTimeout() + " ms to get one)";
            } catch (java.sql.SQLException | RuntimeException e) {
                log.debug("The pool is not Hikari's", e);
            }
            log.info("Capacity: database pool of {}; password hashing {} at a time ({} Argon2id), {} more waiting {} ms at most",
                    pool, hashing.concurrency(), hashing.implementation(), hashing.queueLength(),
                    hashing.queueTimeout().toMillis());
        };
    }
}
