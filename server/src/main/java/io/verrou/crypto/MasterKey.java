package io.verrou.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key from which every other key of Verrou is derived: from {@code VERROU_MASTER_KEY} (base64),
 * or from a key file made on first start in the data directory, readable by its owner only.
 */
public final class MasterKey {

    static final String FILE_NAME = "master.key";
    private static final int LENGTH = 32;

    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("The master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = key.clone();
    }

    /**
     * The configured key when there is one, else the key file in {@code dataDir}, made if missing.
     */
    public static MasterKey load(Optional<String> configured, Path dataDir, SecureRandom random) {
        if (configured.isPresent()) {
            try {
                return new MasterKey(Base64.getDecoder().decode(configured.get().strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("VERROU_MASTER_KEY must be base64 of 32 random bytes");
            }
        }
        return fromFile(dataDir.resolve(FILE_NAME), random);
    }

    private static MasterKey fromFile(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[LENGTH];
                random.nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                    return new MasterKey(fresh);
                } catch (FileAlreadyExistsException raced) {
                    // Another node made it first: use theirs.
                }
            }
            return new MasterKey(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }

    /**
     * A key for one purpose, so that no two uses ever share a key (HMAC-SHA256 of the purpose).
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("verrou/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(derive("hash-code"));
    }
}
