package io.verrou.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void aKeyFileReadableByItsOwnerOnlyIsMadeOnFirstStartAndReusedAfter() throws IOException {
        MasterKey first = MasterKey.load(Optional.empty(), dataDir, new SecureRandom());

        Path file = dataDir.resolve(MasterKey.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(MasterKey.load(Optional.empty(), dataDir, new SecureRandom())).isEqualTo(first);
    }

    @Test
    void aConfiguredKeyIsUsedAndNoFileIsMade() {
        String configured = Base64.getEncoder().encodeToString(new byte[32]);

        MasterKey key = MasterKey.load(Optional.of(configured), dataDir, new SecureRandom());

        assertThat(key.derive("x")).hasSize(32);
        assertThat(Files.exists(dataDir.resolve(MasterKey.FILE_NAME))).isFalse();
    }

    @Test
    void aMalformedConfiguredKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> MasterKey.load(Optional.of("short-secret-value"), dataDir, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VERROU_MASTER_KEY")
                .hasMessageNotContaining("short-secret-value");
        assertThatThrownBy(() -> MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), dataDir,
                new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachPurposeGetsItsOwnKey() {
        MasterKey key = MasterKey.load(Optional.empty(), dataDir, new SecureRandom());

        assertThat(key.derive("a")).isNotEqualTo(key.derive("b"));
        assertThat(key.toString()).isEqualTo("MasterKey[hidden]");
    }

    @Test
    void keyedHashesMatchOnlyTheirValueAndPurpose() {
        KeyedHash hash = new KeyedHash(MasterKey.load(Optional.empty(), dataDir, new SecureRandom()));
        String stored = hash.hash("code", "123456");

        assertThat(hash.matches("code", "123456", stored)).isTrue();
        assertThat(hash.matches("code", "123457", stored)).isFalse();
        assertThat(hash.matches("other", "123456", stored)).isFalse();
        assertThat(stored).doesNotContain("123456");
    }
}
