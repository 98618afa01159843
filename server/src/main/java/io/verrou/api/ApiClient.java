package io.verrou.api;

import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who calls the admin API: a token, acting for one organisation.
 *
 * @param tenantId the organisation
 * @param tokenId  the token
 * @param name     the token's name, as the audit trail records the actor ({@code api:HR sync})
 * @param createdBy the administrator who made the token, on whose behalf it acts
 */
public record ApiClient(UUID tenantId, UUID tokenId, String name, UUID createdBy) implements AuthenticatedPrincipal {

    /** The one authority an API token has: acting as its organisation's administrator. */
    public static final String AUTHORITY = "API_ADMIN";

    @Override
    public String getName() {
        return "api:" + name;
    }
}
