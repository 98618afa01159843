package io.verrou.otp;

import java.util.Objects;

/**
 * What an authenticator and the server must agree on besides the secret: the HMAC function, the code length and,
 * for TOTP, how long each code lives.
 *
 * @param algorithm     the HMAC function
 * @param digits        the number of digits in a code, 6 to 8
 * @param periodSeconds the length of a TOTP time step in seconds, at least 1 (ignored by HOTP)
 */
public record OtpParameters(HmacAlgorithm algorithm, int digits, int periodSeconds) {

    /** The shortest code RFC 4226 allows. */
    public static final int MIN_DIGITS = 6;

    /**
     * The longest code supported; dynamic truncation yields 31 bits, and longer codes are not offered by
     * authenticator apps anyway.
     */
    public static final int MAX_DIGITS = 8;

    /**
     * Validates the parameters.
     *
     * @param algorithm     the HMAC function
     * @param digits        the number of digits in a code, 6 to 8
     * @param periodSeconds the length of a TOTP time step in seconds, at least 1
     * @throws IllegalArgumentException if {@code digits} is outside 6..8 or {@code periodSeconds} is less than 1
     * @throws NullPointerException     if {@code algorithm} is {@code null}
     */
    public OtpParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        requireValidDigits(digits);
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("OTP period must be at least 1 second, was " + periodSeconds);
        }
    }

    /**
     * Returns the parameters every authenticator app understands and that the Key URI format assumes when a
     * parameter is absent: SHA1, 6 digits, 30 seconds.
     *
     * @return the default parameters
     */
    public static OtpParameters defaults() {
        return new OtpParameters(HmacAlgorithm.SHA1, 6, 30);
    }

    static void requireValidDigits(int digits) {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException(
                    "OTP digits must be between " + MIN_DIGITS + " and " + MAX_DIGITS + ", was " + digits);
        }
    }
}
