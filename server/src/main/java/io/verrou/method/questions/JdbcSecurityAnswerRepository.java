package io.verrou.method.questions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's answers to their security questions, hashed, in the {@code security_answer} table.
 */
@Repository
public class JdbcSecurityAnswerRepository {

    private final JdbcClient jdbc;

    public JdbcSecurityAnswerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces all of a person's answers with these: a set is registered whole, never edited. The person's
     * account row stays locked until the surrounding transaction ends, so two registrations at once follow
     * each other instead of mixing.
     */
    @Transactional
    public void replace(UUID userId, List<StoredAnswer> answers) {
        jdbc.sql("SELECT id FROM app_user WHERE id = :userId FOR UPDATE").param("userId", userId)
                .query((rs, row) -> rs.getObject("id", UUID.class)).optional()
                .orElseThrow(() -> new IllegalArgumentException("No account " + userId));
        delete(userId);
        for (StoredAnswer answer : answers) {
            jdbc.sql("""
                    INSERT INTO security_answer (user_id, question_id, answer_hash, created_at)
                    VALUES (:userId, :questionId, :hash, :createdAt)""")
                    .param("userId", userId)
                    .param("questionId", answer.questionId())
                    .param("hash", answer.answerHash())
                    .param("createdAt", Timestamps.toColumn(answer.createdAt()))
                    .update();
        }
    }

    /** A person's answers, in the order of their questions' ids. */
    public List<StoredAnswer> forUser(UUID userId) {
        return jdbc.sql("SELECT * FROM security_answer WHERE user_id = :userId ORDER BY question_id")
                .param("userId", userId)
                .query(JdbcSecurityAnswerRepository::answer)
                .list();
    }

    public void delete(UUID userId) {
        jdbc.sql("DELETE FROM security_answer WHERE user_id = :userId").param("userId", userId).update();
    }

    private static StoredAnswer answer(ResultSet rs, int row) throws SQLException {
        return new StoredAnswer(rs.getString("question_id"), rs.getString("answer_hash"),
                Timestamps.fromColumn(rs, "created_at"));
    }
}
