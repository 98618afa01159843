package io.verrou.method.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import io.verrou.challenge.Channel;
import io.verrou.method.phone.PhoneNumbers.Check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private final PhoneNumbers phones = new PhoneNumbers();

    @Test
    void aFrenchMobileIsStoredInE164AndShownAsFranceWritesIt() {
        Check check = phones.check("US", "+33 6 12 34 56 78", Channel.SMS);

        assertThat(check).isEqualTo(new Check.Valid("+33612345678", "+33 6 12 34 56 78"));
    }

    @Test
    void aNationalNumberIsReadInTheChosenCountry() {
        assertThat(phones.check("FR", "06 12 34 56 78", Channel.SMS)).isEqualTo(new Check.Valid("+33612345678", "+33 6 12 34 56 78"));
        assertThat(phones.check("us", "(201) 555-0123", Channel.VOICE)).isInstanceOf(Check.Valid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FR|''|phone.required",
            "FR|12|phone.invalid",
            "FR|+33 6 12|phone.invalid",
            "FR|call me maybe|phone.invalid",
            "FR|+33 6 12 34 56 78 <script>|phone.invalid",
            "FR|+33 8 99 12 34 56|phone.premium",
            "FR|+33 8 00 12 34 56|phone.premium",
            "FR|+33 1 23 45 67 89|phone.notmobile",
            "ZZ|06 12 34 56 78|phone.country",
            "FR|+999 1234567|phone.country"})
    void unusableNumbersAreRefusedWithAReason(String region, String typed, String reason) {
        assertThat(phones.check(region, typed, Channel.SMS)).isEqualTo(new Check.Invalid(reason));
    }

    @Test
    void aLandlineCanTakeCallsButNotTexts() {
        assertThat(phones.check("FR", "+33 1 23 45 67 89", Channel.VOICE)).isInstanceOf(Check.Valid.class);
    }

    @Test
    void aVeryLongInputIsRefusedWithoutParsing() {
        assertThat(phones.check("FR", "6".repeat(10_000), Channel.SMS)).isEqualTo(new Check.Invalid("phone.invalid"));
    }

    @Test
    void masksAllButTheFirstAndLastTwoDigits() {
        assertThat(phones.masked("+33612345678")).isEqualTo("+33 6•• •• •• 78");
    }

    @Test
    void countriesAreNamedInThePageLanguage() {
        assertThat(phones.countries(Locale.FRENCH)).anySatisfy(c -> {
            assertThat(c.region()).isEqualTo("DE");
            assertThat(c.name()).isEqualTo("Allemagne");
            assertThat(c.callingCode()).isEqualTo(49);
        });
        assertThat(phones.defaultRegion(Locale.forLanguageTag("fr-CA"))).isEqualTo("CA");
        assertThat(phones.defaultRegion(Locale.FRENCH)).isEqualTo("FR");
    }
}
