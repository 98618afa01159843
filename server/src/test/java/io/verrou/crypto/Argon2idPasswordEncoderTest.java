package io.verrou.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import io.verrou.crypto.Argon2idPasswordEncoder.Argon2Parameters;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The reference (native) Argon2id and the Java one write the same PHC strings: each verifies what the other made,
 * and the hashes already in databases (made by Spring Security's Java encoder) keep verifying.
 */
class Argon2idPasswordEncoderTest {

    private static final Argon2Parameters OWASP = Argon2Parameters.OWASP;
    private static final String PASSWORD = "Correct-horse-7 é€";

    private final Argon2idPasswordEncoder nativeEncoder = Argon2idPasswordEncoder.nativeEncoder(OWASP, new SecureRandom())
            .orElseThrow(() -> new AssertionError("the native library loads on linux-x86-64"));
    private final Argon2idPasswordEncoder javaEncoder = Argon2idPasswordEncoder.java(OWASP);

    @Test
    void theNativeLibraryLoadsHere() {
        assertThat(nativeEncoder.implementationName()).isEqualTo("native");
        assertThat(javaEncoder.implementationName()).isEqualTo("Java");
    }

    @Test
    void bothWriteThePhcFormatWithOwaspParameters() {
        assertThat(nativeEncoder.encode(PASSWORD)).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(javaEncoder.encode(PASSWORD)).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void aNativeHashVerifiesWithTheJavaImplementationAndTheOtherWayRound() {
        String byNative = nativeEncoder.encode(PASSWORD);
        String byJava = javaEncoder.encode(PASSWORD);

        assertThat(javaEncoder.matches(PASSWORD, byNative)).isTrue();
        assertThat(nativeEncoder.matches(PASSWORD, byJava)).isTrue();
        assertThat(javaEncoder.matches("Correct-horse-8 é€", byNative)).isFalse();
        assertThat(nativeEncoder.matches("Correct-horse-8 é€", byJava)).isFalse();
    }

    @Test
    void aHashFromTheEarlierEncoderStillVerifies() {
        String earlier = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(PASSWORD);

        assertThat(nativeEncoder.matches(PASSWORD, earlier)).isTrue();
        assertThat(nativeEncoder.upgradeEncoding(earlier)).isFalse();
    }

    @Test
    void weakerParametersAskForANewHashAndStillVerify() {
        String weaker = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD);

        assertThat(nativeEncoder.upgradeEncoding(weaker)).isTrue();
        assertThat(nativeEncoder.matches(PASSWORD, weaker)).isTrue();
    }

    @Test
    void somethingThatIsNotAnArgon2idHashMatchesNothing() {
        assertThat(nativeEncoder.matches(PASSWORD, "not a hash")).isFalse();
        assertThat(nativeEncoder.matches(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$broken")).isFalse();
        assertThat(javaEncoder.matches(PASSWORD, "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")).isFalse();
    }
}
