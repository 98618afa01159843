package io.verrou.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals secrets (TOTP seeds, device keys) with AES-256-GCM before they reach the database. The associated
 * data binds a sealed value to its owner (e.g. the method's id), so a sealed value copied to another row
 * does not open.
 */
@Component
public class SecretSealer {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretSealer(MasterKey masterKey, SecureRandom random) {
        this.key = new SecretKeySpec(masterKey.derive("seal-aes-256-gcm"), "AES");
        this.random = random;
    }

    /** The sealed form of {@code secret}: version, IV and ciphertext with its tag, in base64. */
    public String seal(byte[] secret, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws IllegalArgumentException when it was not sealed with this key and associated data, or was altered
     */
    public byte[] open(String sealed, String associatedData) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("The sealed value does not open with this key and owner");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
