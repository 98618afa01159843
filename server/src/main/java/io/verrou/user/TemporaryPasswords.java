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

    /** A temporary password and its hash, made before any transaction because hashing is slow on purpose. */
    public record Made(String password, String hash) {
        @Override
        public String toString() {
            return "Made[…]";
        }
    }

    /** A new temporary password, hashed; nothing is stored yet. */
    public Made make() {
        String password = generate();
        return new Made(password, passwordEncoder.encode(password));
    }

    /** Gives the person the temporary password made for them, to replace within {@link #LIFETIME}. */
    public void store(User user, Made made) {
        Instant now = clock.instant();
        users.setTemporaryPassword(user.id(), made.hash(), now, now.plus(LIFETIME));
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
