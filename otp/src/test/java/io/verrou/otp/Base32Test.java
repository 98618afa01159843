package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "\"{0}\" encodes as \"{1}\"")
    @CsvSource(value = {
            "'',       ''",
            "f,        MY",
            "fo,       MZXQ",
            "foo,      MZXW6",
            "foob,     MZXW6YQ",
            "fooba,    MZXW6YTB",
            "foobar,   MZXW6YTBOI",
    })
    void encodesRfc4648Vectors(String plain, String encoded) {
        assertThat(Base32.encode(ascii(plain))).isEqualTo(encoded);
    }

    @ParameterizedTest(name = "\"{1}\" decodes as \"{0}\"")
    @CsvSource(value = {
            "'',       ''",
            "f,        MY",
            "fo,       MZXQ",
            "foo,      MZXW6",
            "foob,     MZXW6YQ",
            "fooba,    MZXW6YTB",
            "foobar,   MZXW6YTBOI",
    })
    void decodesRfc4648Vectors(String plain, String encoded) {
        assertThat(Base32.decode(encoded)).isEqualTo(ascii(plain));
    }

    @ParameterizedTest(name = "\"{1}\" decodes as \"{0}\"")
    @CsvSource(value = {
            "f,        MY======",
            "fo,       MZXQ====",
            "foo,      MZXW6===",
            "foob,     MZXW6YQ=",
            "foobar,   MZXW6YTBOI======",
    })
    void decodesRfc4648VectorsWithPadding(String plain, String encoded) {
        assertThat(Base32.decode(encoded)).isEqualTo(ascii(plain));
    }

    @Test
    void decodesLowerCase() {
        assertThat(Base32.decode("mzxw6ytboi")).isEqualTo(ascii("foobar"));
        assertThat(Base32.decode("MzXw6YtBoI")).isEqualTo(ascii("foobar"));
    }

    @Test
    void ignoresSpacesAndHyphens() {
        assertThat(Base32.decode("MZXW 6YTB OI")).isEqualTo(ascii("foobar"));
        assertThat(Base32.decode(" mzxw-6ytb-oi ")).isEqualTo(ascii("foobar"));
        assertThat(Base32.decode("MZXW\t6YTB\nOI")).isEqualTo(ascii("foobar"));
    }

    @Test
    void decodesWhatItGroupedForDisplay() {
        String encoded = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

        assertThat(Base32.decode(Base32.group(encoded, 4))).isEqualTo(Base32.decode(encoded));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"MZXW0", "MZXW1", "MZXW8", "MZXW9", "MZ!W6", "MZ_W6", "MZXW6é", "MZ.XW6", "MZXWÖ"})
    void refusesCharactersOutsideTheAlphabet(String text) {
        assertThatThrownBy(() -> Base32.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid Base32 character");
    }

    @Test
    void refusesPaddingBeforeTheEnd() {
        assertThatThrownBy(() -> Base32.decode("MY==MZXQ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"M", "MZX", "MZXW6Y", "MZXW6YTBO"})
    void refusesLengthsThatEncodeNoWholeNumberOfBytes(String text) {
        assertThatThrownBy(() -> Base32.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }

    @Test
    void doesNotEchoTheSecretInErrorMessages() {
        assertThatThrownBy(() -> Base32.decode("SECRETSECRET1"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("SECRET").contains("position 12");
    }

    @Test
    void decodesWhatItEncodes() {
        Random random = new Random(42);
        for (int length = 0; length <= 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);

            assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
        }
    }

    @Test
    void encodesInUpperCaseWithoutPadding() {
        assertThat(Base32.encode(new byte[] {(byte) 0xFF, 0x00, 0x7F})).isEqualTo("74AH6").matches("[A-Z2-7]*");
    }

    @Test
    void groupsCharactersForDisplay() {
        assertThat(Base32.group("JBSWY3DPEHPK3PXP", 4)).isEqualTo("JBSW Y3DP EHPK 3PXP");
        assertThat(Base32.group("JBSWY3DPEH", 4)).isEqualTo("JBSW Y3DP EH");
        assertThat(Base32.group("JBS", 4)).isEqualTo("JBS");
        assertThat(Base32.group("", 4)).isEmpty();
        assertThat(Base32.group("ABC", 1)).isEqualTo("A B C");
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {0, -4})
    void refusesAGroupSizeBelowOne(int size) {
        assertThatThrownBy(() -> Base32.group("JBSW", size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Group size");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Base32.encode(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Base32.decode(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Base32.group(null, 4)).isInstanceOf(NullPointerException.class);
    }
}
