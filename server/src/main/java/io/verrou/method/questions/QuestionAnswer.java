package io.verrou.method.questions;

/**
 * One question a person chose and the answer they typed, as typed.
 *
 * @param questionId the question's id ({@code q01}… or a custom question's UUID), or empty when none was chosen
 * @param answer     the answer, as typed
 */
public record QuestionAnswer(String questionId, String answer) {

    public QuestionAnswer {
        questionId = questionId == null ? "" : questionId;
        answer = answer == null ? "" : answer;
    }

    /** Leaves the answer out, so that it never reaches a log by accident. */
    @Override
    public String toString() {
        return "QuestionAnswer[questionId=" + questionId + "]";
    }
}
