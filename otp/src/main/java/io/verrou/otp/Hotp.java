package io.verrou.otp;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-based one-time passwords as defined by RFC 4226, the building block of {@link Totp}.
 */
public final class Hotp {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000};

    private Hotp() {
    }

    /**
     * Computes the code for one counter value.
     *
     * @param secret    the shared secret, not empty
     * @param counter   the moving factor; all 64 bits are used, so a negative value stands for a large unsigned one
     * @param algorithm the HMAC function
     * @param digits    the code length, 6 to 8
     * @return the code, left-padded with zeros to exactly {@code digits} characters
     * @throws IllegalArgumentException if {@code secret} is empty or {@code digits} is outside 6..8
     * @throws NullPointerException     if {@code secret} or {@code algorithm} is {@code null}
     */
    public static String generate(byte[] secret, long counter, HmacAlgorithm algorithm, int digits) {
        OtpParameters.requireValidDigits(digits);
        return generate(mac(secret, algorithm), counter, digits);
    }

    /** Creates a keyed MAC once so that callers checking several counters do not repeat the key setup. */
    static Mac mac(byte[] secret, HmacAlgorithm algorithm) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(algorithm, "algorithm");
        if (secret.length == 0) {
            throw new IllegalArgumentException("OTP secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(secret, algorithm.jcaName()));
            return mac;
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE implementation must provide these HMACs, so this is a broken runtime, not bad input.
            throw new IllegalStateException(algorithm.jcaName() + " is not available in this Java runtime", e);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("OTP secret is not a valid " + algorithm.jcaName() + " key", e);
        }
    }

    /** Computes a code with a MAC from {@link #mac}; {@code digits} must already be valid. */
    static String generate(Mac mac, long counter, int digits) {
        byte[] message = new byte[8];
        long value = counter;
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) value;
            value >>>= 8;
        }
        // doFinal resets the MAC, which is what lets one instance serve several counters.
        byte[] hash = mac.doFinal(message);
        int offset = hash[hash.length - 1] & 0x0F;
        // The top bit is masked off so the result is the same whether a platform treats it as signed or not.
        int binary = ((hash[offset] & 0x7F) << 24)
                | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8)
                | (hash[offset + 3] & 0xFF);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }
}
