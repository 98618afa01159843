package io.verrou.admin;

import io.verrou.MutableClock;
import io.verrou.TestAccounts;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Where every test of the admin console starts: an organisation named "Contoso …" and its administrator, registered. */
@VerrouTest
abstract class AdminConsoleTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    MutableClock clock;

    TestRegistrations registrations;
    Tenant contoso;
    Registered admin;

    @BeforeEach
    void organisationWithItsAdministrator() {
        registrations = new TestRegistrations(port, clock);
        contoso = accounts.newTenantNamed("Contoso");
        admin = registrations.register(accounts.newUser(contoso, "root", Role.ADMIN));
    }
}
