package io.verrou.method.questions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a set of security questions and answers acceptable (SPEC S4.5): every question chosen, none
 * twice; answers of 3 to 40 characters once normalised, none given twice, none containing its question and
 * none equal to the person's user name (what comes before the @ of their email), since those are the
 * first guesses of anyone who sees the question and the account.
 */
public final class AnswerRules {

    /** Shortest answer, in characters after normalisation. */
    public static final int MIN_ANSWER = 3;
    /** Longest answer, in characters after normalisation. */
    public static final int MAX_ANSWER = 40;

    /** Punctuation around a question ("… toy?", "« … ? »") is not part of what an answer must avoid. */
    private static final Pattern EDGES = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

    private AnswerRules() {
    }

    /**
     * Checks the rows a person filled in.
     *
     * @param rows           what was chosen and typed, in the order of the form; missing rows count as empty
     * @param required       how many questions must be answered (the tenant's policy)
     * @param offered        the questions the person could choose, by id, with every text each has (all
     *                       languages), so that an answer can't contain its question in any of them
     * @param emailLocalPart the person's user name: their email up to the @
     */
    public static Check check(List<QuestionAnswer> rows, int required, Map<String, List<String>> offered,
            String emailLocalPart) {
        String userName = AnswerNormaliser.normalise(emailLocalPart);
        Set<String> chosen = new HashSet<>();
        Set<String> answers = new HashSet<>();
        List<RowCheck> checks = new ArrayList<>();
        for (int i = 0; i < required; i++) {
            QuestionAnswer row = i < rows.size() ? rows.get(i) : new QuestionAnswer("", "");
            Optional<String> questionError = questionError(row.questionId(), offered, chosen);
            String answer = AnswerNormaliser.normalise(row.answer());
            Optional<String> answerError = answerError(answer, offered.getOrDefault(row.questionId(), List.of()),
                    userName, answers);
            if (answerError.isEmpty()) {
                answers.add(answer);
            }
            checks.add(new RowCheck(questionError, answerError));
        }
        return new Check(checks);
    }

    private static Optional<String> questionError(String id, Map<String, List<String>> offered, Set<String> chosen) {
        if (!offered.containsKey(id)) {
            return Optional.of("questions.error.question.required");
        }
        if (!chosen.add(id)) {
            return Optional.of("questions.error.question.duplicate");
        }
        return Optional.empty();
    }

    private static Optional<String> answerError(String answer, List<String> questionTexts, String userName,
            Set<String> earlierAnswers) {
        int length = AnswerNormaliser.length(answer);
        if (length == 0) {
            return Optional.of("questions.error.answer.required");
        }
        if (length < MIN_ANSWER) {
            return Optional.of("questions.error.answer.short");
        }
        if (length > MAX_ANSWER) {
            return Optional.of("questions.error.answer.long");
        }
        if (questionTexts.stream().anyMatch(text -> containsQuestion(answer, text))) {
            return Optional.of("questions.error.answer.question");
        }
        if (answer.equals(userName)) {
            return Optional.of("questions.error.answer.username");
        }
        if (earlierAnswers.contains(answer)) {
            return Optional.of("questions.error.answer.duplicate");
        }
        return Optional.empty();
    }

    /**
     * Whether the answer holds the question's words, as whole words: a custom question "Pet?" refuses
     * "my pet Rex" but not "Petra".
     */
    private static boolean containsQuestion(String answer, String questionText) {
        String question = EDGES.matcher(AnswerNormaliser.normalise(questionText)).replaceAll("");
        if (AnswerNormaliser.length(question) < MIN_ANSWER) {
            return false;
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(question) + "(?![\\p{L}\\p{N}])")
                .matcher(answer).find();
    }

    /**
     * The outcome, row by row, in the order of the form.
     *
     * @param rows one check per required question
     */
    public record Check(List<RowCheck> rows) {

        public Check {
            rows = List.copyOf(rows);
        }

        public boolean valid() {
            return rows.stream().allMatch(RowCheck::valid);
        }
    }

    /**
     * What is wrong with one row, as message keys.
     *
     * @param questionError why the question can't be used, if it can't
     * @param answerError   why the answer can't be used, if it can't
     */
    public record RowCheck(Optional<String> questionError, Optional<String> answerError) {

        public boolean valid() {
            return questionError.isEmpty() && answerError.isEmpty();
        }
    }
}
