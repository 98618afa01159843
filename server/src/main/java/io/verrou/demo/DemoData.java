package io.verrou.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import io.verrou.VerrouProperties;
import io.verrou.audit.AuditEvent;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditLog;
import io.verrou.audit.AuditResult;
import io.verrou.audit.ClientInfo;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.UserAccounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organisation (SPEC S0): tenant Contoso with admin, alice and bob, made once when
 * {@code VERROU_DEMO=true}. The password is {@code VERROU_DEMO_PASSWORD} or a random one; either way it is
 * written to {@code demo-password.txt} in the data directory (owner-only) and never to the log.
 */
@Component
class DemoData implements ApplicationRunner {

    static final String TENANT = "Contoso";
    static final String DOMAIN = "contoso.example";

    private final String domain;
    static final String PASSWORD_FILE = "demo-password.txt";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final VerrouProperties properties;
    private final JdbcTenantRepository tenants;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final SecureRandom random;

    @Autowired
    DemoData(VerrouProperties properties, JdbcTenantRepository tenants, UserAccounts accounts, AuditLog audit,
            SecureRandom random) {
        this(properties, tenants, accounts, audit, random, DOMAIN);
    }

    /** With another domain than {@value #DOMAIN}, for a test that must not meet the demo organisation. */
    DemoData(VerrouProperties properties, JdbcTenantRepository tenants, UserAccounts accounts, AuditLog audit,
            SecureRandom random, String domain) {
        this.domain = domain;
        this.properties = properties;
        this.tenants = tenants;
        this.accounts = accounts;
        this.audit = audit;
        this.random = random;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        if (tenants.findByDomain(domain).isPresent()) {
            log.info("Demo data already present: {} ({})", TENANT, domain);
            return;
        }
        String password = properties.demoPassword().orElseGet(this::randomPassword);
        Tenant contoso = tenants.create(TENANT, List.of(domain));
        accounts.create(contoso, "admin@" + domain, "Contoso Admin", Role.ADMIN, password);
        accounts.create(contoso, "alice@" + domain, "Alice Martin", Role.USER, password);
        accounts.create(contoso, "bob@" + domain, "Bob Dupont", Role.USER, password);
        Path file = writePasswordFile(password);
        audit.record(AuditEvent.of(AuditEventType.DEMO_DATA_CREATED, AuditResult.SUCCESS, "system", ClientInfo.system())
                .withDetail("tenant " + TENANT));
        log.info("Demo data created: {} with admin@{}, alice@{} and bob@{}; their password is in {}", TENANT, domain,
                domain, domain, file.toAbsolutePath());
    }

    private String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private Path writePasswordFile(String password) {
        Path file = properties.dataDir().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(properties.dataDir());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
