package io.verrou.method.questions;

import java.time.Instant;

/**
 * A person's answer to one question, as kept: hashed like a password, never in clear.
 *
 * @param questionId the question it answers
 * @param answerHash the normalised answer hashed by the application's {@code PasswordEncoder} (Argon2id, salted)
 * @param createdAt  when it was registered
 */
public record StoredAnswer(String questionId, String answerHash, Instant createdAt) {

    /** Leaves the hash out. */
    @Override
    public String toString() {
        return "StoredAnswer[questionId=" + questionId + "]";
    }
}
