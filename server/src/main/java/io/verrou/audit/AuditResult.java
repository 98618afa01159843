package io.verrou.audit;

/** How it ended. */
public enum AuditResult {
    SUCCESS,
    FAILURE
}
