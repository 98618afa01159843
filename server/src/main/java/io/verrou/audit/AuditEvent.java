package io.verrou.audit;

import java.util.Optional;
import java.util.UUID;

/**
 * One entry of the audit log: who, what, from where, and how it ended. Never a secret: no password,
 * code, answer or key may be put in any field.
 *
 * @param type     what happened
 * @param result   success or failure
 * @param actor    who did it: the sign-in name typed, or {@code system}
 * @param tenantId the organisation concerned, when known
 * @param userId   the account concerned, when one exists
 * @param reason   a short machine-readable reason, e.g. {@code wrong_password}
 * @param client   the address and browser it came from
 * @param detail   a short human-readable detail
 */
public record AuditEvent(
        AuditEventType type,
        AuditResult result,
        String actor,
        Optional<UUID> tenantId,
        Optional<UUID> userId,
        Optional<String> reason,
        ClientInfo client,
        Optional<String> detail) {

    static final int MAX_ACTOR = 254;

    public AuditEvent {
        actor = actor.length() <= MAX_ACTOR ? actor : actor.substring(0, MAX_ACTOR);
    }

    public static AuditEvent of(AuditEventType type, AuditResult result, String actor, ClientInfo client) {
        return new AuditEvent(type, result, actor, Optional.empty(), Optional.empty(), Optional.empty(), client,
                Optional.empty());
    }

    public AuditEvent forUser(UUID tenantId, UUID userId) {
        return new AuditEvent(type, result, actor, Optional.of(tenantId), Optional.of(userId), reason, client, detail);
    }

    public AuditEvent because(String reason) {
        return new AuditEvent(type, result, actor, tenantId, userId, Optional.of(reason), client, detail);
    }

    public AuditEvent withDetail(String detail) {
        return new AuditEvent(type, result, actor, tenantId, userId, reason, client, Optional.of(detail));
    }
}
