package io.verrou.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.verrou.VerrouTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@VerrouTest
class AuditLogTests {

    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcClient jdbc;

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
    void aVeryLongActorIsShortenedRatherThanRefused() {
        AuditEvent event = AuditEvent.of(AuditEventType.SIGN_IN, AuditResult.FAILURE, "x".repeat(10_000), ClientInfo.system());

        audit.record(event);

        assertThat(event.actor()).hasSize(254);
    }
}
