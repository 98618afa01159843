package io.verrou.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.verrou.VerrouTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@VerrouTest
class AuditLogTests {

    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void recordsWhoWhatWhenWhereAndResult() {
        String actor = "auditor-" + UUID.randomUUID() + "@example.com";
        UUID tenant = UUID.randomUUID();
        UUID user = UUID.randomUUID();

        audit.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, actor,
                new ClientInfo("192.0.2.7", "Firefox\u0000\u0007 on Linux")).forUser(tenant, user).because("wrong_password"));

        List<AuditEntry> entries = audit.forActor(actor, 10);
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.event().tenantId()).contains(tenant);
            assertThat(entry.event().userId()).contains(user);
            assertThat(entry.event().reason()).contains("wrong_password");
            assertThat(entry.event().client().ip()).isEqualTo("192.0.2.7");
            assertThat(entry.event().client().userAgent()).isEqualTo("Firefox on Linux");
            assertThat(entry.occurredAt()).isNotNull();
        });
    }

    @Test
    void theHashChainRevealsAChangedEntry() {
        String actor = "tamper-" + UUID.randomUUID() + "@example.com";
        audit.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, actor, ClientInfo.system()));
        audit.record(AuditEvent.of(AuditEventType.SIGN_OUT, AuditResult.SUCCESS, "someone-else", ClientInfo.system()));
        assertThat(audit.firstBrokenEntry()).isEmpty();
        long id = audit.forActor(actor, 1).get(0).id();

        jdbc.sql("UPDATE audit_event SET result = 'SUCCESS' WHERE id = :id").param("id", id).update();
        try {
            assertThat(audit.firstBrokenEntry()).contains(id);
        } finally {
            jdbc.sql("UPDATE audit_event SET result = 'FAILURE' WHERE id = :id").param("id", id).update();
        }
        assertThat(audit.firstBrokenEntry()).isEmpty();
    }

    @Test
    void eightThreadsWritingAtOnceKeepTheChainWhole() throws Exception {
        String actor = "burst-" + UUID.randomUUID() + "@example.com";
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    AuditEvent event = AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.SUCCESS, actor, ClientInfo.system())
                            .withDetail(thread + "/" + i);
                    if (i % 2 == 0) {
                        audit.record(event);
                    } else {
                        // Inside a transaction, as a sign-in writes its entry with the rest of its state.
                        transaction.executeWithoutResult(status -> {
                            jdbc.sql("SELECT COUNT(*) FROM tenant").query(Long.class).single();
                            audit.record(event);
                            audit.record(event.because("second"));
                        });
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        threads.shutdown();

        assertThat(audit.forActor(actor, 1000)).hasSize(8 * (13 + 12 * 2));
        assertThat(audit.firstBrokenEntry()).isEmpty();
    }

    @Test
    void anEntryOfATransactionThatRollsBackIsKept() {
        String actor = "rolled-back-" + UUID.randomUUID() + "@example.com";
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, actor, ClientInfo.system()));
            throw new IllegalStateException("the caller's work fails later");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(audit.forActor(actor, 10)).hasSize(1);
        assertThat(audit.firstBrokenEntry()).isEmpty();
    }

    @Test
    void theHashChainRevealsADeletedEntryAndPuttingItBackMendsIt() {
        String actor = "deleted-" + UUID.randomUUID() + "@example.com";
        audit.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, actor, ClientInfo.system()));
        audit.record(AuditEvent.of(AuditEventType.SIGN_OUT, AuditResult.SUCCESS, actor, ClientInfo.system()));
        List<AuditEntry> mine = audit.forActor(actor, 2);
        long middle = mine.get(1).id();
        long after = mine.get(0).id();
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE id = :id").param("id", middle).query().singleRow();

        jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", middle).update();
        try {
            assertThat(audit.firstBrokenEntry()).as("the entry after the gap").contains(after);
        } finally {
            reinsert(row);
        }
        assertThat(audit.firstBrokenEntry()).isEmpty();
    }

    @Test
    void theHashChainRevealsTheNewestEntryDeleted() {
        String actor = "newest-" + UUID.randomUUID() + "@example.com";
        audit.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.SUCCESS, actor, ClientInfo.system()));
        long newest = audit.forActor(actor, 1).get(0).id();
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE id = :id").param("id", newest).query().singleRow();

        jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", newest).update();
        try {
            assertThat(audit.firstBrokenEntry()).as("the chain no longer ends where its head says").isPresent();
        } finally {
            reinsert(row);
        }
        assertThat(audit.firstBrokenEntry()).isEmpty();
    }

    @Test
    void theHashChainRevealsAnInsertedEntry() {
        String actor = "forger-" + UUID.randomUUID() + "@example.com";
        audit.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.SUCCESS, actor, ClientInfo.system()));
        AuditEntry last = audit.forActor(actor, 1).get(0);
        long forgedId = last.id() + 1_000_000;
        // A plausible entry, chained to the last one, but made outside Verrou: its hash can't be right without the
        // chain after it being rewritten too, and the head still names the real last entry.
        jdbc.sql("""
                INSERT INTO audit_event (id, occurred_at, actor, event_type, result, ip, user_agent, prev_hash, hash)
                VALUES (:id, :at, :actor, 'ADMIN_ACTION', 'SUCCESS', '', '', :prev, :hash)""")
                .param("id", forgedId).param("at", io.verrou.Timestamps.toColumn(last.occurredAt()))
                .param("actor", actor).param("prev", last.hash()).param("hash", "0".repeat(64)).update();
        try {
            assertThat(audit.firstBrokenEntry()).contains(forgedId);
        } finally {
            jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", forgedId).update();
        }
        assertThat(audit.firstBrokenEntry()).isEmpty();
    }

    private void reinsert(Map<String, Object> row) {
        jdbc.sql("""
                INSERT INTO audit_event (id, occurred_at, tenant_id, user_id, actor, event_type, result, reason, ip,
                                         user_agent, detail, prev_hash, hash)
                VALUES (:id, :occurred_at, :tenant_id, :user_id, :actor, :event_type, :result, :reason, :ip,
                        :user_agent, :detail, :prev_hash, :hash)""")
                .params(lowerCaseKeys(row)).update();
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> params = new java.util.HashMap<>();
        row.forEach((key, value) -> params.put(key.toLowerCase(java.util.Locale.ROOT), value));
        return params;
    }

    @Test
    void aVeryLongActorIsShortenedRatherThanRefused() {
        AuditEvent event = AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, "x".repeat(10_000), ClientInfo.system());

        audit.record(event);

        assertThat(event.actor()).hasSize(254);
    }
}
