package io.verrou.user;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who a session belongs to. Its name is the account's id, so that every session of one person can be
 * found (and ended) even after their sign-in name changes.
 *
 * @param userId   the account
 * @param tenantId the account's organisation
 * @param email    the sign-in name at sign-in time
 * @param role     user or admin
 */
public record SignedInUser(UUID userId, UUID tenantId, String email, Role role)
        implements AuthenticatedPrincipal, Serializable {

    public static SignedInUser of(User user) {
        return new SignedInUser(user.id(), user.tenantId(), user.email(), user.role());
    }

    @Override
    public String getName() {
        return userId.toString();
    }
}
