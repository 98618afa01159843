package io.verrou;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, the same way on H2 and PostgreSQL
 * (the PostgreSQL driver does not bind {@link Instant} itself).
 */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * Truncated to microseconds, the precision both databases keep: PostgreSQL would otherwise round up,
     * and a lockout stored a fraction of a microsecond late would outlast its end.
     */
    public static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant fromColumn(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new IllegalStateException("Column " + column + " is null");
        }
        return value.toInstant();
    }

    public static Optional<Instant> optionalFromColumn(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }
}
