package io.verrou.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEvent;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trail as files (SPEC S12): CSV for a spreadsheet, JSON lines for a log system. Each line carries the
 * entry's hash, so that a copy can be checked against the chain.
 */
final class AuditExport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditExport() {
    }

    static String csv(List<AuditEntry> entries) {
        StringBuilder csv = new StringBuilder();
        Csv.line(csv, List.of("id", "time", "type", "result", "actor", "tenant", "user", "reason",
                "ip", "user_agent", "detail", "hash"));
        for (AuditEntry entry : entries) {
            AuditEvent e = entry.event();
            Csv.line(csv, List.of(Long.toString(entry.id()), entry.occurredAt().toString(),
                    e.type().name(), e.result().name(), e.actor(), text(e.tenantId()), text(e.userId()),
                    e.reason().orElse(""), e.client().ip(), e.client().userAgent(), e.detail().orElse(""), entry.hash()));
        }
        return csv.toString();
    }

    static String jsonLines(List<AuditEntry> entries) {
        StringBuilder lines = new StringBuilder();
        for (AuditEntry entry : entries) {
            AuditEvent e = entry.event();
            ObjectNode line = JSON.createObjectNode();
            line.put("id", entry.id());
            line.put("time", entry.occurredAt().toString());
            line.put("type", e.type().name().toLowerCase(Locale.ROOT));
            line.put("result", e.result().name().toLowerCase(Locale.ROOT));
            line.put("actor", e.actor());
            e.tenantId().ifPresent(id -> line.put("tenant", id.toString()));
            e.userId().ifPresent(id -> line.put("user", id.toString()));
            e.reason().ifPresent(reason -> line.put("reason", reason));
            line.put("ip", e.client().ip());
            line.put("user_agent", e.client().userAgent());
            e.detail().ifPresent(detail -> line.put("detail", detail));
            line.put("hash", entry.hash());
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        return lines.toString();
    }

    private static String text(Optional<UUID> id) {
        return id.map(UUID::toString).orElse("");
    }
}
