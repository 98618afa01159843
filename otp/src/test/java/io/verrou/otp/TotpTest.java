package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final byte[] SHA1_SEED = ascii("12345678901234567890");
    private static final byte[] SHA256_SEED = ascii("12345678901234567890123456789012");
    private static final byte[] SHA512_SEED =
            ascii("1234567890123456789012345678901234567890123456789012345678901234");

    private static final byte[] SECRET = ascii("an example shared secret");
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final long NO_STEP_USED = Long.MIN_VALUE;

    private final Totp totp = new Totp(OtpParameters.defaults());
    private final long currentStep = totp.timeStep(NOW);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] seedFor(HmacAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SHA1_SEED;
            case SHA256 -> SHA256_SEED;
            case SHA512 -> SHA512_SEED;
        };
    }

    @ParameterizedTest(name = "{1} at {0} s gives {2}")
    @CsvSource({
            "59,          SHA1,   94287082",
            "59,          SHA256, 46119246",
            "59,          SHA512, 90693936",
            "1111111109,  SHA1,   07081804",
            "1111111109,  SHA256, 68084774",
            "1111111109,  SHA512, 25091201",
            "1111111111,  SHA1,   14050471",
            "1111111111,  SHA256, 67062674",
            "1111111111,  SHA512, 99943326",
            "1234567890,  SHA1,   89005924",
            "1234567890,  SHA256, 91819424",
            "1234567890,  SHA512, 93441116",
            "2000000000,  SHA1,   69279037",
            "2000000000,  SHA256, 90698825",
            "2000000000,  SHA512, 38618901",
            "20000000000, SHA1,   65353130",
            "20000000000, SHA256, 77737706",
            "20000000000, SHA512, 47863826",
    })
    void matchesRfc6238AppendixB(long epochSeconds, HmacAlgorithm algorithm, String expected) {
        Totp rfcTotp = new Totp(new OtpParameters(algorithm, 8, 30));

        assertThat(rfcTotp.generate(seedFor(algorithm), Instant.ofEpochSecond(epochSeconds))).isEqualTo(expected);
    }

    @Test
    void countsWholePeriodsSinceTheEpoch() {
        assertThat(totp.timeStep(Instant.ofEpochSecond(0))).isZero();
        assertThat(totp.timeStep(Instant.ofEpochSecond(29))).isZero();
        assertThat(totp.timeStep(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(totp.timeStep(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(totp.timeStep(Instant.ofEpochSecond(-1))).isEqualTo(-1);
    }

    @Test
    void generatesTheCodeOfTheCurrentStep() {
        assertThat(totp.generate(SECRET, NOW)).isEqualTo(totp.generateForStep(SECRET, currentStep));
    }

    @Test
    void acceptsTheCodeOfTheCurrentStep() {
        String code = totp.generate(SECRET, NOW);

        assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEqualTo(OptionalLong.of(currentStep));
    }

    @Test
    void acceptsTheCurrentCodeWithAZeroWindow() {
        String code = totp.generate(SECRET, NOW);

        assertThat(totp.verify(SECRET, code, NOW, 0, NO_STEP_USED)).isEqualTo(OptionalLong.of(currentStep));
    }

    @Test
    void acceptsTheCodeOfThePreviousStepWithAWindowOfOne() {
        String code = totp.generateForStep(SECRET, currentStep - 1);

        assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEqualTo(OptionalLong.of(currentStep - 1));
    }

    @Test
    void acceptsTheCodeOfTheNextStepWithAWindowOfOne() {
        String code = totp.generateForStep(SECRET, currentStep + 1);

        assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEqualTo(OptionalLong.of(currentStep + 1));
    }

    @Test
    void refusesTheCodeOfThePreviousStepWithAZeroWindow() {
        String code = totp.generateForStep(SECRET, currentStep - 1);

        assertThat(totp.verify(SECRET, code, NOW, 0, NO_STEP_USED)).isEmpty();
    }

    @Test
    void refusesACodeTwoStepsOld() {
        String code = totp.generateForStep(SECRET, currentStep - 2);

        assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEmpty();
    }

    @Test
    void refusesACodeTwoStepsAhead() {
        String code = totp.generateForStep(SECRET, currentStep + 2);

        assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEmpty();
    }

    @Test
    void acceptsEachCodeOnlyOnce() {
        String code = totp.generate(SECRET, NOW);
        OptionalLong first = totp.verify(SECRET, code, NOW, 1, NO_STEP_USED);

        OptionalLong second = totp.verify(SECRET, code, NOW.plusSeconds(5), 1, first.orElseThrow());

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
    }

    @Test
    void refusesACodeOfAStepBeforeTheLastUsedOne() {
        String nextCode = totp.generateForStep(SECRET, currentStep + 1);
        long lastUsed = totp.verify(SECRET, nextCode, NOW, 1, NO_STEP_USED).orElseThrow();
        String olderCode = totp.generateForStep(SECRET, currentStep);

        assertThat(totp.verify(SECRET, olderCode, NOW, 1, lastUsed)).isEmpty();
    }

    @Test
    void acceptsTheNextStepAfterTheLastUsedOne() {
        String code = totp.generateForStep(SECRET, currentStep + 1);

        assertThat(totp.verify(SECRET, code, NOW, 1, currentStep)).isEqualTo(OptionalLong.of(currentStep + 1));
    }

    @Test
    void refusesAWrongCode() {
        String code = totp.generate(SECRET, NOW);
        String wrong = (code.charAt(0) == '9' ? "0" : String.valueOf((char) (code.charAt(0) + 1))) + code.substring(1);

        assertThat(totp.verify(SECRET, wrong, NOW, 1, NO_STEP_USED)).isEmpty();
    }

    @Test
    void refusesTheCodeOfAnotherSecret() {
        String code = totp.generate(ascii("a different shared secret"), NOW);

        assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "abcdef", "123 456", "-12345", "+12345", "１２３４５６",
            "١٢٣٤٥٦"})
    void refusesMalformedCodesWithoutThrowing(String code) {
        assertThatCode(() -> assertThat(totp.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEmpty())
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTheRightDigitsPaddedToTheWrongLength() {
        String code = totp.generate(SECRET, NOW);

        assertThat(totp.verify(SECRET, code + "0", NOW, 1, NO_STEP_USED)).isEmpty();
        assertThat(totp.verify(SECRET, " " + code, NOW, 1, NO_STEP_USED)).isEmpty();
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {7, 8})
    void verifiesLongerCodes(int digits) {
        Totp longer = new Totp(new OtpParameters(HmacAlgorithm.SHA256, digits, 30));
        String code = longer.generate(SECRET, NOW);

        assertThat(code).hasSize(digits).containsOnlyDigits();
        assertThat(longer.verify(SECRET, code, NOW, 1, NO_STEP_USED)).isEqualTo(OptionalLong.of(longer.timeStep(NOW)));
        assertThat(longer.verify(SECRET, code.substring(1), NOW, 1, NO_STEP_USED)).isEmpty();
    }

    @Test
    void usesSixtySecondPeriods() {
        Totp slow = new Totp(new OtpParameters(HmacAlgorithm.SHA1, 6, 60));
        Instant stepStart = Instant.ofEpochSecond(1_700_000_040L); // a multiple of 60
        String code = slow.generate(SECRET, stepStart);

        assertThat(slow.timeStep(stepStart)).isEqualTo(1_700_000_040L / 60);
        // Past the point where a 30-second code would have changed, the 60-second code has not.
        assertThat(totp.timeStep(stepStart.plusSeconds(45))).isNotEqualTo(totp.timeStep(stepStart));
        assertThat(slow.generate(SECRET, stepStart.plusSeconds(45))).isEqualTo(code);
        assertThat(slow.generate(SECRET, stepStart.plusSeconds(60))).isNotEqualTo(code);
        assertThat(slow.verify(SECRET, code, stepStart.plusSeconds(59), 0, NO_STEP_USED))
                .isEqualTo(OptionalLong.of(slow.timeStep(stepStart)));
        assertThat(slow.verify(SECRET, code, stepStart.plusSeconds(60), 0, NO_STEP_USED)).isEmpty();
        assertThat(slow.verify(SECRET, code, stepStart.plusSeconds(60), 1, NO_STEP_USED))
                .isEqualTo(OptionalLong.of(slow.timeStep(stepStart)));
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {-1, Totp.MAX_WINDOW + 1, Integer.MAX_VALUE})
    void refusesAnOutOfRangeWindow(int window) {
        assertThatThrownBy(() -> totp.verify(SECRET, "123456", NOW, window, NO_STEP_USED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }

    @Test
    void refusesAnEmptySecretEvenForAMalformedCode() {
        assertThatThrownBy(() -> totp.verify(new byte[0], "x", NOW, 1, NO_STEP_USED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret");
    }

    @Test
    void refusesNullArguments() {
        assertThatThrownBy(() -> new Totp(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> totp.verify(null, "123456", NOW, 1, NO_STEP_USED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> totp.verify(SECRET, null, NOW, 1, NO_STEP_USED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> totp.verify(SECRET, "123456", null, 1, NO_STEP_USED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> totp.generate(SECRET, null)).isInstanceOf(NullPointerException.class);
    }
}
