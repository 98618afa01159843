package io.verrou.user;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's account.
 *
 * @param id                stable identifier
 * @param tenantId          the organisation the account belongs to
 * @param email             the sign-in name, {@code name@domain}, in lower case
 * @param displayName       the name shown to the person and to administrators
 * @param businessPhone     the office phone an administrator recorded, if any
 * @param role              user or admin
 * @param state             enabled or disabled
 * @param passwordHash      the encoded password hash, with its algorithm and parameters
 * @param passwordChangedAt when the password was last set
 * @param createdAt         when the account was created
 */
public record User(
        UUID id,
        UUID tenantId,
        String email,
        String displayName,
        Optional<String> businessPhone,
        Role role,
        UserState state,
        String passwordHash,
        Instant passwordChangedAt,
        Instant createdAt) {

    public boolean enabled() {
        return state == UserState.ENABLED;
    }

    /** Leaves the password hash out, so that it never reaches a log by accident. */
    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", role=" + role + ", state=" + state + "]";
    }
}
