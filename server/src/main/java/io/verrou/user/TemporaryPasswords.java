package io.verrou.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Passwords an administrator hands over (SPEC S11): random, about 93 bits, easy to read aloud and type (no 0/O
 * or 1/l/I), grouped by 4. The person must replace one at their next sign-in, within {@link #LIFETIME}; it
 * never becomes their password for good, and only its hash is kept.
 */
@Service
public class TemporaryPasswords {

    public static final Duration LIFETIME = Duration.ofDays(7);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GROUPS = 4;

    private final JdbcUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final SecureRandom random;
    private final Clock clock;

    public TemporaryPasswords(JdbcUserRepository users, PasswordEncoder passwordEncoder, SecureRandom random, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.random = random;
        this.clock = clock;
    }

    /** Gives the person a new temporary password and returns it, to be shown once to the administrator. */
    public String issue(User user) {
        String password = generate();
        Instant now = clock.instant();
        users.setTemporaryPassword(user.id(), passwordEncoder.encode(password), now, now.plus(LIFETIME));
        return password;
    }

    /** A password nobody knows, for an account about to get its temporary one. */
    public String generateUnusable() {
        return generate() + generate();
    }

    String generate() {
        StringBuilder password = new StringBuilder();
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                password.append('-');
            }
            for (int i = 0; i < 4; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return password.toString();
    }
}
