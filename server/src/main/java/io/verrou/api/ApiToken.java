package io.verrou.api;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A bearer token of the admin API, as the console lists it: never the token itself.
 *
 * @param id         stable identifier
 * @param tenantId   the organisation it acts for
 * @param name       what the administrator called it, e.g. "HR sync"
 * @param createdBy  the administrator who created it
 * @param createdAt  when
 * @param lastUsedAt when it last served, if ever
 * @param revokedAt  when it was revoked, if it was
 */
public record ApiToken(UUID id, UUID tenantId, String name, UUID createdBy, Instant createdAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
