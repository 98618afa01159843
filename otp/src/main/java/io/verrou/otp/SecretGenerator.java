package io.verrou.otp;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Creates new shared secrets for enrolling an authenticator.
 *
 * <p>The {@link SecureRandom} is supplied by the caller so that the application decides which source of randomness
 * to use and tests can substitute a predictable one.
 */
public final class SecretGenerator {

    /** The size RFC 4226 recommends (160 bits), which is also the output size of SHA-1. */
    public static final int DEFAULT_BYTES = 20;

    /** The minimum RFC 4226 requires (128 bits). */
    public static final int MIN_BYTES = 16;

    /** An upper bound well past SHA-512's block size, beyond which HMAC would just hash the key down anyway. */
    public static final int MAX_BYTES = 128;

    private SecretGenerator() {
    }

    /**
     * Returns a new random secret of {@link #DEFAULT_BYTES} bytes.
     *
     * @param random the source of randomness
     * @return a new secret; the caller owns the array
     * @throws NullPointerException if {@code random} is {@code null}
     */
    public static byte[] newSecret(SecureRandom random) {
        return newSecret(random, DEFAULT_BYTES);
    }

    /**
     * Returns a new random secret of the given size.
     *
     * @param random the source of randomness
     * @param bytes  the size in bytes, {@link #MIN_BYTES} to {@link #MAX_BYTES}; use 32 for SHA256 and 64 for
     *               SHA512 to match the hash size
     * @return a new secret; the caller owns the array
     * @throws IllegalArgumentException if {@code bytes} is out of range
     * @throws NullPointerException     if {@code random} is {@code null}
     */
    public static byte[] newSecret(SecureRandom random, int bytes) {
        Objects.requireNonNull(random, "random");
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "OTP secret size must be between " + MIN_BYTES + " and " + MAX_BYTES + " bytes, was " + bytes);
        }
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return secret;
    }
}
