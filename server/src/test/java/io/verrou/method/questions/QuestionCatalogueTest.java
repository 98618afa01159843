package io.verrou.method.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** At least 30 predefined questions with stable ids, each written in English and in French. */
class QuestionCatalogueTest {

    @Test
    void thereAreAtLeastThirtyQuestionsWithStableDistinctIds() {
        assertThat(QuestionCatalogue.ids()).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("q[0-9]{2}"));
        assertThat(QuestionCatalogue.ids()).startsWith("q01", "q02").contains("q35");
    }

    @Test
    void everyQuestionIsWrittenInEnglishAndFrenchAndNoTwoAreAlike() throws IOException {
        for (String bundle : List.of("questions-messages.properties", "questions-messages_fr.properties")) {
            Properties texts = load(bundle);
            List<String> questions = QuestionCatalogue.ids().stream()
                    .map(id -> texts.getProperty(QuestionCatalogue.messageKey(id)))
                    .toList();
            assertThat(questions).as(bundle).doesNotContainNull().doesNotHaveDuplicates()
                    .allSatisfy(text -> assertThat(text).endsWith("?").hasSizeBetween(10, 200));
            assertThat(questions.stream().map(AnswerNormaliser::normalise)).as(bundle).doesNotHaveDuplicates();
        }
    }

    @Test
    void frenchQuestionsHaveANonBreakingSpaceBeforeTheQuestionMark() throws IOException {
        Properties french = load("questions-messages_fr.properties");

        assertThat(QuestionCatalogue.ids()).allSatisfy(id ->
                assertThat(french.getProperty(QuestionCatalogue.messageKey(id))).endsWith("\u00a0?"));
    }

    @Test
    void theBundleHoldsNoQuestionTheCatalogueDoesNotList() throws IOException {
        Properties english = load("questions-messages.properties");

        assertThat(english.stringPropertyNames().stream().filter(k -> k.startsWith("questions.catalogue.")))
                .containsExactlyInAnyOrderElementsOf(QuestionCatalogue.ids().stream().map(QuestionCatalogue::messageKey).toList());
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = QuestionCatalogueTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
