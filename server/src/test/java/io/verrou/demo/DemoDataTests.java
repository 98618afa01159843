package io.verrou.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Optional;

import io.verrou.TestBrowser;
import io.verrou.VerrouProperties;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditLog;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.UserAccounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@VerrouTest
class DemoDataTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    JdbcUserRepository users;
    @Autowired
    UserAccounts accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dataDir;

    @Test
    void demoDataIsCreatedOnlyWhenAskedForAndOnlyOnce() throws IOException {
        // A domain of this test's own: the database may hold the demo organisation already.
        String domain = "contoso-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".example";
        demo(false, "Demo-pass-1", domain).run(new DefaultApplicationArguments());
        assertThat(tenants.findByDomain(domain)).isEmpty();

        demo(true, "Demo-pass-1", domain).run(new DefaultApplicationArguments());
        demo(true, "Another-pass-2", domain).run(new DefaultApplicationArguments());

        assertThat(tenants.findByDomain(domain)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Contoso"));
        assertThat(users.findByEmail("admin@" + domain)).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));
        assertThat(users.findByEmail("bob@" + domain)).isPresent();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE email LIKE :pattern").param("pattern", "%@" + domain)
                .query(Integer.class).single()).isEqualTo(3);
        Path file = dataDir.resolve(DemoData.PASSWORD_FILE);
        assertThat(Files.readString(file).strip()).isEqualTo("Demo-pass-1");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // The first password stays the demo password; the second run changed nothing. Contoso has the default
        // policy and alice no security info yet, so she is asked for it first.
        assertThat(new TestBrowser(port).signIn("alice@" + domain, "Demo-pass-1").location()).endsWith("/register");
    }

    private DemoData demo(boolean enabled, String password, String domain) {
        VerrouProperties properties = new VerrouProperties(dataDir, enabled, Optional.of(password), Optional.empty());
        return new DemoData(properties, tenants, accounts, audit, new SecureRandom(), domain);
    }
}
