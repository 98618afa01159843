package io.verrou.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private final MasterKey key = MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[32])),
            java.nio.file.Path.of("unused"), new SecureRandom());
    private final SecretSealer sealer = new SecretSealer(key, new SecureRandom());
    private final byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSealedSecretOpensForItsOwner() {
        String sealed = sealer.seal(secret, "owner-1");

        assertThat(sealer.open(sealed, "owner-1")).isEqualTo(secret);
    }

    @Test
    void theSealedFormShowsNothingOfTheSecretAndDiffersEachTime() {
        String first = sealer.seal(secret, "owner-1");
        String second = sealer.seal(secret, "owner-1");

        assertThat(first).isNotEqualTo(second).doesNotContain("1234567890");
        assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.ISO_8859_1)).doesNotContain("1234567890");
    }

    @Test
    void aSealedSecretMovedToAnotherOwnerDoesNotOpen() {
        String sealed = sealer.seal(secret, "owner-1");

        assertThatThrownBy(() -> sealer.open(sealed, "owner-2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlteredSealedSecretDoesNotOpen() {
        byte[] bytes = Base64.getDecoder().decode(sealer.seal(secret, "owner-1"));
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.open(Base64.getEncoder().encodeToString(bytes), "owner-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        SecretSealer other = new SecretSealer(MasterKey.load(Optional.empty(),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "verrou-sealer-" + System.nanoTime()),
                new SecureRandom()), new SecureRandom());

        assertThatThrownBy(() -> other.open(sealer.seal(secret, "owner-1"), "owner-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
