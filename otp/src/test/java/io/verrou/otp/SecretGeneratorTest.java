package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGeneratorTest {

    /** Fills every request with the same byte, to prove the generator takes its bytes from the injected source. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) 0x5A);
        }
    }

    @Test
    void takesItsBytesFromTheInjectedRandom() {
        byte[] expected = new byte[20];
        Arrays.fill(expected, (byte) 0x5A);

        assertThat(SecretGenerator.newSecret(new FixedRandom(), 20)).isEqualTo(expected);
    }

    @Test
    void defaultsToOneHundredAndSixtyBits() {
        assertThat(SecretGenerator.newSecret(new SecureRandom())).hasSize(20);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {16, 20, 32, 64, 128})
    void returnsTheRequestedNumberOfBytes(int bytes) {
        assertThat(SecretGenerator.newSecret(new SecureRandom(), bytes)).hasSize(bytes);
    }

    @Test
    void returnsADifferentSecretEachTime() {
        SecureRandom random = new SecureRandom();

        assertThat(SecretGenerator.newSecret(random, 20)).isNotEqualTo(SecretGenerator.newSecret(random, 20));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {-1, 0, 10, 15, 129})
    void refusesSizesOutsideTheAllowedRange(int bytes) {
        assertThatThrownBy(() -> SecretGenerator.newSecret(new SecureRandom(), bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OTP secret size must be between 16 and 128 bytes, was " + bytes);
    }

    @Test
    void refusesANullRandom() {
        assertThatThrownBy(() -> SecretGenerator.newSecret(null, 20)).isInstanceOf(NullPointerException.class);
    }
}
