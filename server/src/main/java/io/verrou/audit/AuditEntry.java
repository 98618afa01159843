package io.verrou.audit;

import java.time.Instant;

/**
 * An audit event as stored: its place in the log, its time, and its link in the hash chain.
 *
 * @param id         position in the log
 * @param occurredAt when it was recorded
 * @param event      what was recorded
 * @param hash       SHA-256 over the previous entry's hash and this entry's fields
 */
public record AuditEntry(long id, Instant occurredAt, AuditEvent event, String hash) {
}
