package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HotpTest {

    private static final byte[] RFC_4226_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "counter {0} gives {1}")
    @CsvSource({
            "0, 755224",
            "1, 287082",
            "2, 359152",
            "3, 969429",
            "4, 338314",
            "5, 254676",
            "6, 287922",
            "7, 162583",
            "8, 399871",
            "9, 520489",
    })
    void matchesRfc4226AppendixD(long counter, String expected) {
        assertThat(Hotp.generate(RFC_4226_SECRET, counter, HmacAlgorithm.SHA1, 6)).isEqualTo(expected);
    }

    @Test
    void padsCodesWithLeadingZerosToTheRequestedLength() {
        // Over 1000 counters, about a tenth of codes start with 0; each must still have exactly 6 characters.
        boolean sawLeadingZero = false;
        for (long counter = 0; counter < 1000; counter++) {
            String code = Hotp.generate(RFC_4226_SECRET, counter, HmacAlgorithm.SHA1, 6);
            assertThat(code).hasSize(6).containsOnlyDigits();
            sawLeadingZero |= code.charAt(0) == '0';
        }
        assertThat(sawLeadingZero).isTrue();
    }

    @Test
    void producesTheRequestedNumberOfDigits() {
        assertThat(Hotp.generate(RFC_4226_SECRET, 0, HmacAlgorithm.SHA1, 7)).hasSize(7).containsOnlyDigits();
        assertThat(Hotp.generate(RFC_4226_SECRET, 0, HmacAlgorithm.SHA1, 8)).hasSize(8).containsOnlyDigits();
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {0, 5, 9, 10})
    void refusesUnsupportedCodeLengths(int digits) {
        assertThatThrownBy(() -> Hotp.generate(RFC_4226_SECRET, 0, HmacAlgorithm.SHA1, digits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digits");
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> Hotp.generate(new byte[0], 0, HmacAlgorithm.SHA1, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret");
    }

    @Test
    void refusesNullArguments() {
        assertThatThrownBy(() -> Hotp.generate(null, 0, HmacAlgorithm.SHA1, 6))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Hotp.generate(RFC_4226_SECRET, 0, null, 6))
                .isInstanceOf(NullPointerException.class);
    }
}
