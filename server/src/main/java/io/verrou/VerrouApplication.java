package io.verrou;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Verrou: the sign-in and security-info service of an organisation.
 */
// Accounts live in Verrou's own tables: no default in-memory user, and no generated password in the log.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class VerrouApplication {

    public static void main(String[] args) {
        SpringApplication.run(VerrouApplication.class, args);
    }
}
