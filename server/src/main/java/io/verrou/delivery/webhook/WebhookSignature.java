package io.verrou.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature, both ways: {@code X-Verrou-Timestamp: <unix seconds>} and
 * {@code X-Verrou-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>}. A signature is
 * accepted only within five minutes of its timestamp, and compared in constant time.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Verrou-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Verrou-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1=";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The {@code X-Verrou-Signature} value for this timestamp and body. */
    public String sign(long timestamp, byte[] body) {
        return VERSION + HexFormat.of().formatHex(mac(timestamp, body));
    }

    /**
     * Whether the headers sign this body, at a time within {@link #TOLERANCE} of {@code now}. Missing or malformed
     * headers are simply not valid. The signature header may hold several comma-separated {@code v1=} values
     * (while a secret is being changed); one matching is enough.
     */
    public boolean verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = mac(timestamp, body);
        boolean matched = false;
        for (String part : signatureHeader.split(",")) {
            String candidate = part.strip();
            if (candidate.startsWith(VERSION)) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(candidate.substring(VERSION.length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                // Constant time, and no early exit: every candidate is compared.
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    private byte[] mac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
