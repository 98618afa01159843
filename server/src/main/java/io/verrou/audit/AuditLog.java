package io.verrou.audit;

/**
 * The one way to write to the audit log. Entries are append-only and chained by hash, so that a changed
 * or removed entry can be detected.
 */
public interface AuditLog {

    /** Appends an event, stamped with the current time. It is kept even if the caller's work fails later. */
    void record(AuditEvent event);
}
