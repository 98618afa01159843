package io.verrou;

import java.util.List;
import java.util.UUID;

import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;
import io.verrou.user.UserAccounts;

/**
 * Fresh tenants and accounts for each test, so that tests never share state even on one database.
 */
public class TestAccounts {

    public static final String PASSWORD = "Correct-horse-7";

    private final JdbcTenantRepository tenants;
    private final UserAccounts accounts;

    TestAccounts(JdbcTenantRepository tenants, UserAccounts accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    /** A tenant whose people are not asked to register security info, for tests of the password step alone. */
    public Tenant newTenant() {
        Tenant tenant = newTenantWithDefaultPolicy();
        tenants.updateRegistration(tenant.id(), false, 0, 0);
        return tenant;
    }

    /** A tenant with the policy every new organisation gets (SPEC S1). */
    public Tenant newTenantWithDefaultPolicy() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return tenants.create("Tenant " + id, List.of("t" + id + ".example"));
    }

    /**
     * A tenant with the default policy named "{@code name} xxxxxxxx", with the domain
     * "{@code n}xxxxxxxx.example", for tests of rules about the organisation's name.
     */
    public Tenant newTenantNamed(String name) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return tenants.create(name + " " + id, List.of(Character.toLowerCase(name.charAt(0)) + id + ".example"));
    }

    /** The tenant's first domain. */
    public String domain(Tenant tenant) {
        return tenants.domains(tenant.id()).get(0);
    }

    public User newUser() {
        return newUser(newTenant(), "alice", Role.USER);
    }

    public User newUser(Tenant tenant, String localPart, Role role) {
        String domain = tenants.domains(tenant.id()).get(0);
        String name = Character.toUpperCase(localPart.charAt(0)) + localPart.substring(1);
        return accounts.create(tenant, localPart + "@" + domain, name + " Tester", role, PASSWORD);
    }
}
