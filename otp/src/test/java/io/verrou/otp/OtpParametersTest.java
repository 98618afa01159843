package io.verrou.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtpParametersTest {

    @Test
    void defaultsToSha1SixDigitsAndThirtySeconds() {
        assertThat(OtpParameters.defaults()).isEqualTo(new OtpParameters(HmacAlgorithm.SHA1, 6, 30));
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {6, 7, 8})
    void acceptsSixToEightDigits(int digits) {
        assertThat(new OtpParameters(HmacAlgorithm.SHA1, digits, 30).digits()).isEqualTo(digits);
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {-6, 0, 5, 9})
    void refusesOtherCodeLengths(int digits) {
        assertThatThrownBy(() -> new OtpParameters(HmacAlgorithm.SHA1, digits, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OTP digits must be between 6 and 8, was " + digits);
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(ints = {0, -30})
    void refusesAPeriodShorterThanOneSecond(int period) {
        assertThatThrownBy(() -> new OtpParameters(HmacAlgorithm.SHA1, 6, period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OTP period must be at least 1 second, was " + period);
    }

    @Test
    void acceptsAOneSecondPeriod() {
        assertThat(new OtpParameters(HmacAlgorithm.SHA1, 6, 1).periodSeconds()).isEqualTo(1);
    }

    @Test
    void refusesANullAlgorithm() {
        assertThatThrownBy(() -> new OtpParameters(null, 6, 30)).isInstanceOf(NullPointerException.class);
    }
}
