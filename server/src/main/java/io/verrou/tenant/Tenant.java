package io.verrou.tenant;

import java.util.UUID;

/**
 * An organisation: the people who sign in to Verrou belong to one.
 *
 * @param id   stable identifier
 * @param name display name, shown at the top of the sign-in pages and used as the issuer in authenticator apps
 */
public record Tenant(UUID id, String name) {
}
