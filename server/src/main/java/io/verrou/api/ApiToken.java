package io.verrou.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * @param expiresAt  when it stops working
 * @param scopes     what it may do
 */
public record ApiToken(UUID id, UUID tenantId, String name, UUID createdBy, Instant createdAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt, Instant expiresAt, Set<ApiScope> scopes) {

    public ApiToken {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** Not revoked, and not expired at {@code now}. */
    public boolean active(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    /** The scopes in their documented order, as the console lists them. */
    public List<ApiScope> scopeList() {
        return Arrays.stream(ApiScope.values()).filter(scopes::contains).toList();
    }
}
