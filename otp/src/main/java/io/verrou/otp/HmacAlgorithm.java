package io.verrou.otp;

import java.util.Locale;
import java.util.Objects;

/**
 * The HMAC functions that RFC 4226 and RFC 6238 allow for one-time passwords.
 *
 * <p>Each constant knows both of its names because the JCA and the {@code otpauth://} format spell them
 * differently ({@code HmacSHA1} versus {@code SHA1}).
 */
public enum HmacAlgorithm {

    /** HMAC-SHA-1: the RFC 4226 default and the only one every authenticator app supports. */
    SHA1("HmacSHA1", "SHA1"),

    /** HMAC-SHA-256, allowed by RFC 6238. */
    SHA256("HmacSHA256", "SHA256"),

    /** HMAC-SHA-512, allowed by RFC 6238. */
    SHA512("HmacSHA512", "SHA512");

    private final String jcaName;
    private final String otpauthName;

    HmacAlgorithm(String jcaName, String otpauthName) {
        this.jcaName = jcaName;
        this.otpauthName = otpauthName;
    }

    /**
     * Returns the name to pass to {@link javax.crypto.Mac#getInstance(String)}.
     *
     * @return the JCA algorithm name, for example {@code "HmacSHA1"}
     */
    public String jcaName() {
        return jcaName;
    }

    /**
     * Returns the name used by the {@code algorithm} parameter of an {@code otpauth://} URI.
     *
     * @return the otpauth name, for example {@code "SHA1"}
     */
    public String otpauthName() {
        return otpauthName;
    }

    /**
     * Finds the algorithm named by the {@code algorithm} parameter of an {@code otpauth://} URI.
     *
     * @param name the otpauth name, in any letter case (for example {@code "sha256"})
     * @return the matching algorithm
     * @throws IllegalArgumentException if no algorithm has that name
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public static HmacAlgorithm fromOtpauthName(String name) {
        Objects.requireNonNull(name, "name");
        // Locale.ROOT: under a Turkish default locale "sha1".toUpperCase() is still "SHA1", but other letters are not.
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (HmacAlgorithm algorithm : values()) {
            if (algorithm.otpauthName.equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException(
                "Unknown OTP algorithm '" + name + "'; expected one of SHA1, SHA256, SHA512");
    }
}
