package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.crypto.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HmacAlgorithmTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "SHA1,   HmacSHA1,   SHA1",
            "SHA256, HmacSHA256, SHA256",
            "SHA512, HmacSHA512, SHA512",
    })
    void namesEachAlgorithmForTheJcaAndForOtpauth(HmacAlgorithm algorithm, String jcaName, String otpauthName) {
        assertThat(algorithm.jcaName()).isEqualTo(jcaName);
        assertThat(algorithm.otpauthName()).isEqualTo(otpauthName);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HmacAlgorithm.class)
    void isAvailableInTheJavaRuntime(HmacAlgorithm algorithm) throws Exception {
        assertThat(Mac.getInstance(algorithm.jcaName())).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HmacAlgorithm.class)
    void findsEachAlgorithmByItsOtpauthName(HmacAlgorithm algorithm) {
        assertThat(HmacAlgorithm.fromOtpauthName(algorithm.otpauthName())).isSameAs(algorithm);
    }

    @Test
    void findsAlgorithmsWhateverTheLetterCase() {
        assertThat(HmacAlgorithm.fromOtpauthName("sha1")).isSameAs(HmacAlgorithm.SHA1);
        assertThat(HmacAlgorithm.fromOtpauthName("Sha256")).isSameAs(HmacAlgorithm.SHA256);
        assertThat(HmacAlgorithm.fromOtpauthName("sHa512")).isSameAs(HmacAlgorithm.SHA512);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "MD5", "SHA-1", "HmacSHA1", "SHA384"})
    void refusesUnknownNames(String name) {
        assertThatThrownBy(() -> HmacAlgorithm.fromOtpauthName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown OTP algorithm");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> HmacAlgorithm.fromOtpauthName(null)).isInstanceOf(NullPointerException.class);
    }
}
