package io.verrou.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates accounts, making sure each one's sign-in name is in a domain of its tenant.
 */
@Service
public class UserAccounts {

    private final JdbcUserRepository users;
    private final JdbcTenantRepository tenants;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    public UserAccounts(JdbcUserRepository users, JdbcTenantRepository tenants, PasswordEncoder passwordEncoder,
            Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /**
     * Creates an enabled account in {@code tenant}.
     *
     * @throws IllegalArgumentException when the email's domain is not one of the tenant's
     */
    public User create(Tenant tenant, String email, String displayName, Role role, String password) {
        return createHashed(tenant, email, displayName, role, passwordEncoder.encode(password));
    }

    /**
     * Creates an enabled account in {@code tenant} whose password has this hash, made beforehand so that the
     * caller's transaction doesn't wait on it.
     *
     * @throws IllegalArgumentException when the email's domain is not one of the tenant's
     */
    public User createHashed(Tenant tenant, String email, String displayName, Role role, String passwordHash) {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        String domain = normalised.substring(normalised.indexOf('@') + 1);
        if (!tenants.domains(tenant.id()).contains(domain)) {
            throw new IllegalArgumentException("The domain " + domain + " does not belong to " + tenant.name());
        }
        Instant now = clock.instant();
        User user = new User(UUID.randomUUID(), tenant.id(), normalised, displayName, Optional.empty(), role,
                UserState.ENABLED, passwordHash, now, now);
        users.insert(user);
        return user;
    }
}
