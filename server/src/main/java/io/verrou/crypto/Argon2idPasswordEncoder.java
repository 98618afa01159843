package io.verrou.crypto;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), made by the
 * reference C implementation where its native library loads, else by the Java one. Both read and write the same
 * format, so a database moves between machines with either, and a hash whose parameters are lower than today's
 * asks to be made again ({@link #upgradeEncoding}).
 */
public final class Argon2idPasswordEncoder implements PasswordEncoder {

    private static final Logger log = LoggerFactory.getLogger(Argon2idPasswordEncoder.class);
    private static final Pattern PARAMETERS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Parameters parameters;
    private final Implementation implementation;

    private Argon2idPasswordEncoder(Argon2Parameters parameters, Implementation implementation) {
        this.parameters = parameters;
        this.implementation = implementation;
    }

    /** Memory in KiB, passes and lanes of new hashes. */
    public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

        /** OWASP's choice for Argon2id: 19 MiB, 2 passes, 1 lane. */
        public static final Argon2Parameters OWASP = new Argon2Parameters(19 * 1024, 2, 1);

        public Argon2Parameters {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Not valid Argon2 parameters: m=" + memoryKiB + ", t=" + iterations
                        + ", p=" + parallelism);
            }
        }
    }

    /** The reference implementation when its native library loads here, else the Java one (said once in the log). */
    public static Argon2idPasswordEncoder preferNative(Argon2Parameters parameters, SecureRandom random) {
        return nativeEncoder(parameters, random).orElseGet(() -> {
            log.warn("The native Argon2 library could not be loaded here; password hashes are made by the Java "
                    + "implementation, which is slower");
            return java(parameters);
        });
    }

    /** The reference C implementation, when its native library loads on this machine. */
    public static Optional<Argon2idPasswordEncoder> nativeEncoder(Argon2Parameters parameters, SecureRandom random) {
        try {
            Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
            NativeImplementation implementation = new NativeImplementation(argon2, parameters, random);
            // Loads the library now rather than at the first sign-in.
            implementation.encode("load");
            return Optional.of(new Argon2idPasswordEncoder(parameters, implementation));
        } catch (LinkageError | RuntimeException e) {
            log.debug("Native Argon2 unavailable", e);
            return Optional.empty();
        }
    }

    /** The Java implementation, which runs everywhere. */
    public static Argon2idPasswordEncoder java(Argon2Parameters parameters) {
        Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parameters.parallelism(),
                parameters.memoryKiB(), parameters.iterations());
        return new Argon2idPasswordEncoder(parameters, new Implementation() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return encoder.matches(raw, encoded);
            }

            @Override
            public String name() {
                return "Java";
            }
        });
    }

    /** "native" or "Java", for the start-up log and the benchmarks. */
    public String implementationName() {
        return implementation.name();
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return implementation.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || !PARAMETERS.matcher(encodedPassword).find()) {
            return false;
        }
        return implementation.matches(rawPassword, encodedPassword);
    }

    /** Whether the hash was made with less memory, fewer passes or fewer lanes than new hashes get. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        Matcher found = encodedPassword == null ? null : PARAMETERS.matcher(encodedPassword);
        if (found == null || !found.find()) {
            return true;
        }
        try {
            return Integer.parseInt(found.group(1)) < parameters.memoryKiB()
                    || Integer.parseInt(found.group(2)) < parameters.iterations()
                    || Integer.parseInt(found.group(3)) < parameters.parallelism();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private interface Implementation {
        String encode(CharSequence raw);

        boolean matches(CharSequence raw, String encoded);

        String name();
    }

    private record NativeImplementation(Argon2Advanced argon2, Argon2Parameters parameters, SecureRandom random)
            implements Implementation {

        @Override
        public String encode(CharSequence raw) {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            char[] password = chars(raw);
            try {
                return argon2.hash(parameters.iterations(), parameters.memoryKiB(), parameters.parallelism(), password,
                        StandardCharsets.UTF_8, salt);
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            char[] password = chars(raw);
            try {
                return argon2.verify(encoded, password, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                // A stored hash the library can't decode matches nothing.
                return false;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        @Override
        public String name() {
            return "native";
        }

        private static char[] chars(CharSequence raw) {
            CharBuffer buffer = CharBuffer.wrap(raw);
            char[] chars = new char[buffer.remaining()];
            buffer.get(chars);
            return chars;
        }
    }
}
