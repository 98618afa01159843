package io.verrou.audit;

/** What happened. */
public enum AuditEventType {
    SIGN_IN,
    ACCOUNT_LOCKED,
    SIGN_OUT,
    SESSION_EXPIRED,
    DEMO_DATA_CREATED
}
