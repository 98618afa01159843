package io.verrou.user;

import static io.verrou.user.PasswordRules.fold;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    static final CommonPasswords common = new CommonPasswords();

    @Test
    void theShippedListHoldsTenThousandPasswords() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CommonPasswords.LIST)) {
            long entries = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .count();

            assertThat(entries).isGreaterThanOrEqualTo(10_000);
        }
    }

    @Test
    void listedPasswordsAreCommonWhateverTheirCaseAndSubstitutions() {
        assertThat(common.isCommon(fold("password"))).isTrue();
        assertThat(common.isCommon(fold("Password1!"))).isTrue();
        assertThat(common.isCommon(fold("qwerty123"))).isTrue();
        assertThat(common.isCommon(fold("P@$$w0rd"))).isTrue();
    }

    @Test
    void aPasswordOneEditAwayFromAListedOneIsCommon() {
        assertThat(common.isCommon(fold("starwarz"))).as("substitution").isTrue();
        assertThat(common.isCommon(fold("sunshine9"))).as("insertion").isTrue();
        assertThat(common.isCommon(fold("fotball"))).as("deletion").isTrue();
    }

    @Test
    void aPasswordTwoEditsAwayIsNot() {
        assertThat(common.isCommon(fold("xsunshinex"))).isFalse();
    }

    @Test
    void goodPasswordsAreNotCommon() {
        assertThat(common.isCommon(fold("Correct-horse-7"))).isFalse();
        assertThat(common.isCommon(fold("plinth quasar mellow cobalt 91"))).isFalse();
    }

    @Test
    void editDistanceOfOneIsFoundAnywhereInTheWord() {
        int[] word = "falcon".codePoints().toArray();

        assertThat(CommonPasswords.withinOneEdit("falcon".codePoints().toArray(), word)).isTrue();
        assertThat(CommonPasswords.withinOneEdit("xalcon".codePoints().toArray(), word)).isTrue();
        assertThat(CommonPasswords.withinOneEdit("falcox".codePoints().toArray(), word)).isTrue();
        assertThat(CommonPasswords.withinOneEdit("falcons".codePoints().toArray(), word)).isTrue();
        assertThat(CommonPasswords.withinOneEdit("alcon".codePoints().toArray(), word)).isTrue();
        assertThat(CommonPasswords.withinOneEdit("facon".codePoints().toArray(), word)).isTrue();
        assertThat(CommonPasswords.withinOneEdit("xalcox".codePoints().toArray(), word)).isFalse();
        assertThat(CommonPasswords.withinOneEdit("afclon".codePoints().toArray(), word)).isFalse();
        assertThat(CommonPasswords.withinOneEdit("falconry".codePoints().toArray(), word)).isFalse();
    }
}
