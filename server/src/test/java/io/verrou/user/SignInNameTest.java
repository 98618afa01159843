package io.verrou.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignInNameTest {

    @Test
    void normalisesCaseSpacesAndUnicodeComposition() {
        assertThat(SignInName.parse("  Alice@Contoso.Example ")).contains("alice@contoso.example");
        // "é" typed as e + combining accent is the same name as the precomposed "é".
        assertThat(SignInName.parse("rene\u0301@contoso.example")).contains("ren\u00e9@contoso.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "alice", "alice@", "@contoso.example", "alice@contoso", "a b@contoso.example",
            "alice@@contoso.example", "alice@contoso..example", "ali\u0000ce@contoso.example",
            "ali\u200bce@contoso.example", "alice\u202e@contoso.example", "\ud800@contoso.example"})
    void refusesWhatIsNotAnAddress(String typed) {
        assertThat(SignInName.parse(typed)).isEmpty();
    }

    @Test
    void refusesNamesLongerThanAnAddressCanBe() {
        assertThat(SignInName.parse("a".repeat(60) + "@" + "d".repeat(190) + ".example")).isEmpty();
        assertThat(SignInName.parse("x".repeat(10_000))).isEmpty();
    }

    @Test
    void acceptsInternationalAddresses() {
        assertThat(SignInName.parse("zoë@exemple.fr")).contains("zoë@exemple.fr");
    }
}
