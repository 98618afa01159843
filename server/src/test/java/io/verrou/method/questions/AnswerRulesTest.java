package io.verrou.method.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which sets of questions and answers are accepted, and what each refusal says. */
class AnswerRulesTest {

    private static final Map<String, List<String>> OFFERED = Map.of(
            "q01", List.of("What was the name of your first stuffed toy?", "Comment s’appelait votre première peluche\u00a0?"),
            "q02", List.of("What was the first concert you went to?", "Quel a été le premier concert auquel vous avez assisté\u00a0?"),
            "q03", List.of("What was the first film you saw at the cinema?", "Quel est le premier film que vous avez vu au cinéma\u00a0?"),
            "q04", List.of("What was the first dish you learned to cook?", "Quel est le premier plat que vous avez appris à cuisiner\u00a0?"),
            "q05", List.of("Favourite dessert?", "Dessert préféré\u00a0?"),
            "custom", List.of("Office pet?"));

    @Test
    void threeDistinctQuestionsWithDistinctAnswersAreAccepted() {
        AnswerRules.Check check = check(row("q01", "Mr Snuggles"), row("q02", "Daft Punk 1997"), row("q03", "Bambi"));

        assertThat(check.valid()).isTrue();
        assertThat(check.rows()).hasSize(3).allSatisfy(r -> assertThat(r.valid()).isTrue());
    }

    @Test
    void everyRequiredQuestionMustBeChosen() {
        AnswerRules.Check check = check(row("q01", "Mr Snuggles"), row("", "Daft Punk"));

        assertThat(check.valid()).isFalse();
        assertThat(check.rows().get(1).questionError()).contains("questions.error.question.required");
        assertThat(check.rows().get(2).questionError()).contains("questions.error.question.required");
        assertThat(check.rows().get(2).answerError()).contains("questions.error.answer.required");
    }

    @Test
    void aQuestionNotOfferedCountsAsNotChosen() {
        AnswerRules.Check check = check(row("q01", "Mr Snuggles"), row("q99", "Daft Punk"), row("' OR 1=1", "Bambi"));

        assertThat(check.rows().get(1).questionError()).contains("questions.error.question.required");
        assertThat(check.rows().get(2).questionError()).contains("questions.error.question.required");
    }

    @Test
    void theSameQuestionTwiceIsRefusedOnItsSecondUse() {
        AnswerRules.Check check = check(row("q01", "Mr Snuggles"), row("q02", "Daft Punk"), row("q01", "Bambi"));

        assertThat(check.rows().get(0).valid()).isTrue();
        assertThat(check.rows().get(2).questionError()).contains("questions.error.question.duplicate");
        assertThat(check.rows().get(2).answerError()).isEmpty();
    }

    @Test
    void answersAreBetween3And40CharactersOnceNormalised() {
        assertThat(answerError("ab")).contains("questions.error.answer.short");
        assertThat(answerError("  a   \t ")).contains("questions.error.answer.short");
        assertThat(answerError("  a   b  ")).as("a, space, b").isEmpty();
        assertThat(answerError("Élo")).isEmpty();
        assertThat(answerError("x".repeat(40))).isEmpty();
        assertThat(answerError("x".repeat(41))).contains("questions.error.answer.long");
        assertThat(answerError("x".repeat(20) + "          " + "x".repeat(19))).isEmpty();
        assertThat(answerError("")).contains("questions.error.answer.required");
        assertThat(answerError(" \u00a0 ")).contains("questions.error.answer.required");
    }

    @Test
    void theSameAnswerTwiceIsRefusedEvenWithOtherCaseAccentsOrSpaces() {
        AnswerRules.Check check = check(row("q01", "Élodie Dupont"), row("q02", "ELODIE  dupont"), row("q03", "Bambi"));

        assertThat(check.rows().get(0).valid()).isTrue();
        assertThat(check.rows().get(1).answerError()).contains("questions.error.answer.duplicate");
        assertThat(check.rows().get(2).valid()).isTrue();
    }

    @Test
    void anAnswerMayNotContainItsQuestionInAnyLanguage() {
        AnswerRules.Check english = check(row("q01", "Mr Snuggles"),
                row("q02", "what was the FIRST concert you went to"), row("q03", "Bambi"));
        AnswerRules.Check french = check(row("q01", "Mr Snuggles"), row("q02", "Daft Punk"),
                row("q05", "DESSERT PREFERE : tarte"));
        AnswerRules.Check custom = check(row("custom", "the office pet is Rex"), row("q02", "Daft Punk"),
                row("q03", "Bambi"));

        assertThat(english.rows().get(1).answerError()).contains("questions.error.answer.question");
        assertThat(french.rows().get(2).answerError()).contains("questions.error.answer.question");
        assertThat(custom.rows().get(0).answerError()).contains("questions.error.answer.question");
    }

    @Test
    void anAnswerHoldingAShortQuestionAsAWordIsRefusedButOneMerelyContainingItsLettersIsNot() {
        Map<String, List<String>> offered = Map.of("a", List.of("Pet?"), "b", List.of("Car?"), "c", List.of("Où\u00a0?"));

        AnswerRules.Check check = AnswerRules.check(List.of(row("a", "my PET: rex"), row("b", "Oscar"),
                row("c", "ou pas")), 3, offered, "quinn");

        assertThat(check.rows().get(0).answerError()).contains("questions.error.answer.question");
        assertThat(check.rows().get(1).valid()).isTrue();
        assertThat(check.rows().get(2).valid()).as("a two-letter question refuses nothing").isTrue();
    }

    @Test
    void anAnswerMayNotBeThePersonsUserName() {
        AnswerRules.Check check = AnswerRules.check(List.of(row("q01", "Quinn.Martin"), row("q02", "Daft Punk"),
                row("q03", "quinn")), 3, OFFERED, "quinn.martin");

        assertThat(check.rows().get(0).answerError()).contains("questions.error.answer.username");
        assertThat(check.rows().get(2).valid()).isTrue();
    }

    @Test
    void moreRowsThanRequiredAreNotLookedAt() {
        AnswerRules.Check check = AnswerRules.check(List.of(row("q01", "Mr Snuggles"), row("q02", "Daft Punk"),
                row("q03", "Bambi"), row("q01", "x")), 3, OFFERED, "quinn");

        assertThat(check.valid()).isTrue();
        assertThat(check.rows()).hasSize(3);
    }

    @Test
    void fiveQuestionsCanBeRequired() {
        AnswerRules.Check check = AnswerRules.check(List.of(row("q01", "Mr Snuggles"), row("q02", "Daft Punk"),
                row("q03", "Bambi"), row("q04", "Pancakes")), 5, OFFERED, "quinn");

        assertThat(check.rows()).hasSize(5);
        assertThat(check.rows().get(4).questionError()).contains("questions.error.question.required");
    }

    private static AnswerRules.Check check(QuestionAnswer... rows) {
        return AnswerRules.check(List.of(rows), 3, OFFERED, "quinn");
    }

    private static Optional<String> answerError(String answer) {
        return check(row("q01", answer), row("q02", "Daft Punk"), row("q03", "Bambi")).rows().get(0).answerError();
    }

    private static QuestionAnswer row(String questionId, String answer) {
        return new QuestionAnswer(questionId, answer);
    }
}
