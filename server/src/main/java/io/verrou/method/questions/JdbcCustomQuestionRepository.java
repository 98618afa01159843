package io.verrou.method.questions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.verrou.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation's own security questions (SPEC S4.5), in the {@code security_question_custom} table:
 * 3 to 200 characters each, at most 20 per organisation, no two alike.
 */
@Repository
public class JdbcCustomQuestionRepository {

    /** Shortest question, in characters. */
    public static final int MIN_LENGTH = 3;
    /** Longest question, in characters. */
    public static final int MAX_LENGTH = 200;
    /** Most questions an organisation may have. */
    public static final int MAX_PER_TENANT = 20;

    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}\\p{Cs}]");

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcCustomQuestionRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The outcome of adding a question. */
    public sealed interface AddResult {
        /** Added, with its text tidied (spaces). */
        record Added(CustomQuestion question) implements AddResult {
        }

        /** Not added; the message key says why. */
        record Refused(String messageKey) implements AddResult {
        }
    }

    /**
     * Adds a question to an organisation's own, unless it is too short or too long, holds characters
     * nobody can see, repeats one they have, or they already have {@value #MAX_PER_TENANT}.
     */
    @Transactional
    public AddResult add(UUID tenantId, String text) {
        String tidy = SPACES.matcher(text == null ? "" : text).replaceAll(" ").strip();
        int length = tidy.codePointCount(0, tidy.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return new AddResult.Refused("questions.custom.error.length");
        }
        if (INVISIBLE.matcher(tidy).find()) {
            return new AddResult.Refused("questions.custom.error.characters");
        }
        // The organisation's row is locked so that two admins adding at once can't pass the limit together.
        jdbc.sql("SELECT id FROM tenant WHERE id = :tenantId FOR UPDATE").param("tenantId", tenantId)
                .query((rs, row) -> rs.getObject("id", UUID.class)).optional()
                .orElseThrow(() -> new IllegalArgumentException("No tenant " + tenantId));
        List<CustomQuestion> existing = list(tenantId);
        if (existing.size() >= MAX_PER_TENANT) {
            return new AddResult.Refused("questions.custom.error.limit");
        }
        String compared = AnswerNormaliser.normalise(tidy);
        if (existing.stream().anyMatch(q -> AnswerNormaliser.normalise(q.text()).equals(compared))) {
            return new AddResult.Refused("questions.custom.error.duplicate");
        }
        // Kept to the microsecond, as both databases store it, so that what is returned is what is read back.
        CustomQuestion question = new CustomQuestion(UUID.randomUUID(), tenantId, tidy,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO security_question_custom (tenant_id, id, text, created_at)
                VALUES (:tenantId, :id, :text, :createdAt)""")
                .param("tenantId", question.tenantId())
                .param("id", question.id())
                .param("text", question.text())
                .param("createdAt", Timestamps.toColumn(question.createdAt()))
                .update();
        return new AddResult.Added(question);
    }

    /** An organisation's own questions, oldest first. */
    public List<CustomQuestion> list(UUID tenantId) {
        return jdbc.sql("""
                SELECT * FROM security_question_custom WHERE tenant_id = :tenantId ORDER BY created_at, id""")
                .param("tenantId", tenantId)
                .query(JdbcCustomQuestionRepository::question)
                .list();
    }

    /** One of an organisation's own questions, by its id in text form; nothing for any other id. */
    public Optional<CustomQuestion> find(UUID tenantId, String id) {
        Optional<UUID> uuid = parse(id);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM security_question_custom WHERE tenant_id = :tenantId AND id = :id")
                .param("tenantId", tenantId)
                .param("id", uuid.get())
                .query(JdbcCustomQuestionRepository::question)
                .optional();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return id != null && id.length() == 36 ? Optional.of(UUID.fromString(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CustomQuestion question(ResultSet rs, int row) throws SQLException {
        return new CustomQuestion(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("text"),
                Timestamps.fromColumn(rs, "created_at"));
    }
}
