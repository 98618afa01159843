package io.verrou.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.verrou.Timestamps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in the {@code audit_event} table. Each entry's hash covers the previous entry's hash, and
 * appending locks the chain's head row, so that several nodes sharing one database never fork the chain.
 *
 * <p>Inside a transaction, entries wait for its end and are appended just before it commits, in the same
 * transaction: the head row is then locked only for the inserts and the commit, never across the caller's own
 * work, and no second connection is taken. Entries of a transaction that rolls back, or recorded once it has
 * committed (by an after-commit listener), are appended on the same connection right after it ends.
 */
@Repository
public class JdbcAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);
    private static final char SEPARATOR = '\u001f';

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public JdbcAuditLog(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        // Microseconds: both databases keep them, so the hash can be recomputed from what is stored.
        Stamped entry = new Stamped(clock.instant().truncatedTo(ChronoUnit.MICROS), event);
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
            if (pending == null) {
                pending = new Pending();
                TransactionSynchronizationManager.bindResource(this, pending);
                TransactionSynchronizationManager.registerSynchronization(pending);
            }
            pending.entries.add(entry);
        } else if (TransactionSynchronizationManager.hasResource(dataSource)) {
            // A transaction is completing on this thread: its connection is still held, use it.
            appendAndCommit(List.of(entry));
        } else {
            transaction.executeWithoutResult(status -> append(List.of(entry)));
        }
    }

    /** An event and the time it was recorded. */
    private record Stamped(Instant occurredAt, AuditEvent event) {
    }

    /** The entries of one transaction, appended when it ends. */
    private final class Pending implements TransactionSynchronization {

        private final List<Stamped> entries = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!readOnly) {
                append(entries);
                entries.clear();
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcAuditLog.this);
            if (!entries.isEmpty()) {
                appendAndCommit(List.copyOf(entries));
                entries.clear();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Appends on the connection of a transaction that has ended, and commits them on their own. */
    private void appendAndCommit(List<Stamped> entries) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isReadOnly()) {
                connection.setReadOnly(false);
            }
            append(entries);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; the pool will drop it.
            }
            log.error("Could not append {} audit entries", entries.size(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void append(List<Stamped> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String previous = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query(String.class)
                .single();
        for (Stamped entry : entries) {
            AuditEvent event = entry.event();
            String hash = hash(previous, entry.occurredAt(), event);
            jdbc.sql("""
                    INSERT INTO audit_event (occurred_at, tenant_id, user_id, actor, event_type, result, reason, ip,
                                             user_agent, detail, prev_hash, hash)
                    VALUES (:occurredAt, :tenantId, :userId, :actor, :type, :result, :reason, :ip,
                            :userAgent, :detail, :prevHash, :hash)""")
                    .param("occurredAt", Timestamps.toColumn(entry.occurredAt()))
                    .param("tenantId", event.tenantId().orElse(null))
                    .param("userId", event.userId().orElse(null))
                    .param("actor", event.actor())
                    .param("type", event.type().name())
                    .param("result", event.result().name())
                    .param("reason", event.reason().orElse(null))
                    .param("ip", event.client().ip())
                    .param("userAgent", event.client().userAgent())
                    .param("detail", event.detail().orElse(null))
                    .param("prevHash", previous)
                    .param("hash", hash)
                    .update();
            previous = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET last_hash = :hash WHERE id = 1").param("hash", previous).update();
    }

    /** The newest entries about one account, newest first. */
    public List<AuditEntry> forUser(UUID userId, int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE user_id = :userId ORDER BY id DESC")
                .param("userId", userId)
                .withMaxRows(limit)
                .query(JdbcAuditLog::entry)
                .list();
    }

    /** The newest entries whose actor is the given sign-in name, newest first. */
    public List<AuditEntry> forActor(String actor, int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE actor = :actor ORDER BY id DESC")
                .param("actor", actor)
                .withMaxRows(limit)
                .query(JdbcAuditLog::entry)
                .list();
    }

    /**
     * The newest entries of one organisation, newest first: of one type when given, and whose actor contains
     * {@code actor} (any case) when it is not blank.
     */
    public List<AuditEntry> forTenant(UUID tenantId, Optional<AuditEventType> type, String actor, int limit) {
        return jdbc.sql("""
                SELECT * FROM audit_event WHERE tenant_id = :tenantId
                  AND (:type = '' OR event_type = :type)
                  AND (:actor = '' OR LOWER(actor) LIKE :pattern ESCAPE '\\')
                ORDER BY id DESC""")
                .param("tenantId", tenantId)
                .param("type", type.map(Enum::name).orElse(""))
                .param("actor", actor)
                .param("pattern", "%" + actor.toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                        .replace("%", "\\%").replace("_", "\\_") + "%")
                .withMaxRows(limit)
                .query(JdbcAuditLog::entry)
                .list();
    }

    /**
     * Walks the whole chain and returns the id of the first entry whose hash does not match its content or its
     * predecessor, if any. An entry deleted shows at the one after it; the last one deleted shows as the newest entry
     * left, which no longer ends the chain the head row remembers.
     */
    public Optional<Long> firstBrokenEntry() {
        String head = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1").query(String.class).single();
        String[] previous = {null};
        Long[] broken = {null};
        Long[] last = {null};
        boolean[] headSeen = {false};
        jdbc.sql("SELECT * FROM audit_event ORDER BY id").query((ResultSet rs) -> {
            if (broken[0] != null) {
                return;
            }
            AuditEntry entry = entry(rs, 0);
            String prevHash = rs.getString("prev_hash");
            boolean linked = previous[0] == null || previous[0].equals(prevHash);
            if (!linked || !hash(prevHash, entry.occurredAt(), entry.event()).equals(entry.hash())) {
                broken[0] = entry.id();
            }
            previous[0] = entry.hash();
            last[0] = entry.id();
            headSeen[0] |= entry.hash().equals(head);
        });
        if (broken[0] == null && last[0] != null && !headSeen[0]) {
            return Optional.of(last[0]);
        }
        return Optional.ofNullable(broken[0]);
    }

    static String hash(String previous, Instant occurredAt, AuditEvent event) {
        String content = String.join(String.valueOf(SEPARATOR),
                previous,
                occurredAt.toString(),
                event.tenantId().map(UUID::toString).orElse(""),
                event.userId().map(UUID::toString).orElse(""),
                event.actor(),
                event.type().name(),
                event.result().name(),
                event.reason().orElse(""),
                event.client().ip(),
                event.client().userAgent(),
                event.detail().orElse(""));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        AuditEvent event = new AuditEvent(
                AuditEventType.valueOf(rs.getString("event_type")),
                AuditResult.valueOf(rs.getString("result")),
                rs.getString("actor"),
                Optional.ofNullable(rs.getObject("tenant_id", UUID.class)),
                Optional.ofNullable(rs.getObject("user_id", UUID.class)),
                Optional.ofNullable(rs.getString("reason")),
                new ClientInfo(rs.getString("ip"), rs.getString("user_agent")),
                Optional.ofNullable(rs.getString("detail")));
        return new AuditEntry(rs.getLong("id"), Timestamps.fromColumn(rs, "occurred_at"), event, rs.getString("hash"));
    }
}
