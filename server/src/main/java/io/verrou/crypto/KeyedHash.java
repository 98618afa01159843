package io.verrou.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA256) of short secrets such as one-time codes: without the master key a stolen
 * table gives nothing to guess against. Each purpose has its own key.
 */
@Component
public class KeyedHash {

    private final MasterKey masterKey;

    public KeyedHash(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** The hash of {@code value} for {@code purpose}, in URL-safe base64 without padding. */
    public String hash(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.derive(purpose), "HmacSHA256"));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code value} hashes to {@code expected}, compared in constant time. */
    public boolean matches(String purpose, String value, String expected) {
        return MessageDigest.isEqual(hash(purpose, value).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }
}
