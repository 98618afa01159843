package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptchaImageTest {

    static {
        // As on a server: the picture must be drawn without a display (and without fonts).
        System.setProperty("java.awt.headless", "true");
    }

    /** Dark pixels that four copies of a glyph must leave at least; the sparest (L, T, 7) leave about 900. */
    private static final int NOTICEABLE = 600;

    @Test
    void thePictureIsAPngOfTwoHundredFortyByEightyPixels() throws IOException {
        BufferedImage image = decode(CaptchaImage.png("HX4P", new Random(1)));

        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(image.getHeight()).isEqualTo(80);
    }

    @Test
    void theDataUriCarriesThePngInBase64() {
        byte[] png = CaptchaImage.png("K7MW", new Random(1));

        String uri = CaptchaImage.dataUri(png);

        assertThat(uri).startsWith("data:image/png;base64,");
        assertThat(Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))).isEqualTo(png);
    }

    @Test
    void everyCharacterOfTheAlphabetIsDrawnInDarkStrokes() {
        for (char c : CaptchaImage.ALPHABET.toCharArray()) {
            BufferedImage image = CaptchaImage.draw(String.valueOf(c).repeat(4), new Random(7), false);

            assertThat(darkPixels(image)).as("dark pixels of %s", c).isGreaterThan(NOTICEABLE);
        }
    }

    @Test
    void differentCharactersGiveDifferentPicturesWithTheSameRandomness() {
        Map<String, Character> drawnBy = new HashMap<>();
        for (char c : CaptchaImage.ALPHABET.toCharArray()) {
            String png = Base64.getEncoder().encodeToString(
                    CaptchaImage.png(String.valueOf(c).repeat(4), new Random(42)));

            Character same = drawnBy.putIfAbsent(png, c);

            assertThat(same).as("%s is drawn like %s", c, same).isNull();
        }
    }

    @Test
    void theSameTextIsDistortedDifferentlyByDifferentRandomness() {
        byte[] first = CaptchaImage.png("HX4P9RT3", new Random(1));
        byte[] second = CaptchaImage.png("HX4P9RT3", new Random(2));

        assertThat(first).isNotEqualTo(second);
        // ...and only the randomness makes the difference.
        assertThat(CaptchaImage.png("HX4P9RT3", new Random(1))).isEqualTo(first);
    }

    @Test
    void glyphsStayInsideThePicture() {
        for (int seed = 0; seed < 30; seed++) {
            for (String text : new String[] {"MWAK", "WMWMWMWM", "HNMW9"}) {
                BufferedImage image = CaptchaImage.draw(text, new Random(seed), false);

                assertThat(darkPixelsOnTheEdge(image)).as("%s with seed %d", text, seed).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD", "ACD0", "OACD", "ACD1", "IACD", "acde", "AC D", "ACDÉ", "ACDS", "ACD8"})
    void charactersOutsideTheAlphabetAreRefused(String text) {
        assertThatThrownBy(() -> CaptchaImage.png(text, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "ACD", "ACDEFHJKL", "ACDEFHJKLMNP"})
    void textsShorterThanFourOrLongerThanEightAreRefused(String text) {
        assertThatThrownBy(() -> CaptchaImage.png(text, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACDE", "ACDEFHJK"})
    void textsOfFourToEightCharactersAreDrawn(String text) throws IOException {
        assertThat(decode(CaptchaImage.png(text, new Random(1)))).isNotNull();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int darkPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (isDark(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int darkPixelsOnTheEdge(BufferedImage image) {
        int count = 0;
        int right = image.getWidth() - 1;
        int bottom = image.getHeight() - 1;
        for (int x = 0; x <= right; x++) {
            count += (isDark(image.getRGB(x, 0)) ? 1 : 0) + (isDark(image.getRGB(x, bottom)) ? 1 : 0);
        }
        for (int y = 0; y <= bottom; y++) {
            count += (isDark(image.getRGB(0, y)) ? 1 : 0) + (isDark(image.getRGB(right, y)) ? 1 : 0);
        }
        return count;
    }

    private static boolean isDark(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return 0.299 * r + 0.587 * g + 0.114 * b < 128;
    }
}
