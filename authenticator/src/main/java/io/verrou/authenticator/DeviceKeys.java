package io.verrou.authenticator;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * The device's P-256 keys: made at activation, one pair per account, and stored as PKCS#8.
 */
final class DeviceKeys {

    private final SecureRandom random;

    /**
     * Creates a key maker.
     *
     * @param random the source of the private keys
     */
    DeviceKeys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Makes a new P-256 (secp256r1) key pair.
     *
     * @return the key pair
     */
    KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime has P-256 (SunEC); without it the program cannot work at all.
            throw new IllegalStateException("This Java runtime cannot make P-256 keys", e);
        }
    }

    /**
     * Encodes a public key the way the activation request carries it.
     *
     * @param key the public key
     * @return base64 of the DER SubjectPublicKeyInfo
     */
    static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Encodes a private key for the state file.
     *
     * @param key the private key
     * @return base64 of the PKCS#8 encoding
     */
    static String encodePrivateKey(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Decodes a private key from the state file.
     *
     * @param pkcs8Base64 base64 of the PKCS#8 encoding
     * @return the private key
     * @throws IllegalArgumentException if the text is not a base64 PKCS#8 EC private key
     */
    static PrivateKey decodePrivateKey(String pkcs8Base64) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64)));
        } catch (GeneralSecurityException e) {
            // The key itself stays out of the message.
            throw new IllegalArgumentException("Not a PKCS#8 EC private key", e);
        }
    }
}
