package io.verrou.method.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Answers typed differently but meaning the same compare equal; nothing else is lost. */
class AnswerNormaliserTest {

    @Test
    void accentsCaseAndSpacesMakeNoDifference() {
        String reference = AnswerNormaliser.normalise("elodie dupont");

        assertThat(AnswerNormaliser.normalise("Élodie Dupont")).isEqualTo(reference);
        assertThat(AnswerNormaliser.normalise("  ÉLODIE   DUPONT  ")).isEqualTo(reference);
        assertThat(AnswerNormaliser.normalise("E\u0301lodie\tDupont\n")).isEqualTo(reference);
        assertThat(AnswerNormaliser.normalise("élodie\u00a0dupont")).isEqualTo(reference);
        assertThat(AnswerNormaliser.normalise("élodie\u202fdupont")).isEqualTo(reference);
        assertThat(AnswerNormaliser.normalise("élodie\u3000dupont")).isEqualTo(reference);
    }

    @Test
    void compatibilityFormsBecomePlainLetters() {
        assertThat(AnswerNormaliser.normalise("ﬁlm")).isEqualTo("film");
        assertThat(AnswerNormaliser.normalise("ＡＢＣ")).isEqualTo("abc");
        assertThat(AnswerNormaliser.normalise("Ça")).isEqualTo("ca");
        assertThat(AnswerNormaliser.normalise("Æsop Œuvre")).isEqualTo("æsop œuvre");
    }

    @Test
    void invisibleCharactersMakeNoDifference() {
        assertThat(AnswerNormaliser.normalise("ra\u200bbbit\u00ad")).isEqualTo("rabbit");
        assertThat(AnswerNormaliser.normalise("\ufeffrabbit\u202e")).isEqualTo("rabbit");
    }

    @Test
    void lowerCaseDoesNotDependOnTheServersLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(AnswerNormaliser.normalise("ISTANBUL")).isEqualTo("istanbul");
            assertThat(AnswerNormaliser.normalise("İstanbul")).isEqualTo("istanbul");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void wordsPunctuationAndOtherScriptsAreKept() {
        assertThat(AnswerNormaliser.normalise("Mr. Snuggles!")).isEqualTo("mr. snuggles!");
        assertThat(AnswerNormaliser.normalise("くまのぬいぐるみ")).isNotBlank();
        assertThat(AnswerNormaliser.normalise("rex")).isNotEqualTo(AnswerNormaliser.normalise("r e x"));
    }

    @Test
    void nothingTypedIsEmpty() {
        assertThat(AnswerNormaliser.normalise(null)).isEmpty();
        assertThat(AnswerNormaliser.normalise(" \t\u00a0 ")).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertThat(AnswerNormaliser.length("\ud83e\uddf8\ud83e\uddf8\ud83e\uddf8")).isEqualTo(3);
        assertThat(AnswerNormaliser.length(AnswerNormaliser.normalise("Élo"))).isEqualTo(3);
    }
}
