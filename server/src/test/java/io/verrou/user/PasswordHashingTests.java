package io.verrou.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@VerrouTest
class PasswordHashingTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcUserRepository users;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void passwordsAreHashedWithArgon2idAtOwaspParameters() {
        User user = accounts.newUser();

        assertThat(user.passwordHash()).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain(TestAccounts.PASSWORD);
        assertThat(users.findById(user.id()).orElseThrow().passwordHash()).isEqualTo(user.passwordHash());
    }

    @Test
    void aHashWithWeakerParametersIsRaisedAtTheNextSignIn() {
        User user = accounts.newUser();
        PasswordEncoder weaker = new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 4096, 1)));
        users.rehashPassword(user.id(), weaker.encode(TestAccounts.PASSWORD));

        Page landed = new TestBrowser(port).signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(landed.location()).endsWith("/account");
        String raised = users.findById(user.id()).orElseThrow().passwordHash();
        assertThat(raised).contains("m=19456,t=2,p=1");
        assertThat(passwordEncoder.matches(TestAccounts.PASSWORD, raised)).isTrue();
    }

    @Test
    void aHashMadeBeforeTheNativeImplementationStillSignsIn() {
        User user = accounts.newUser();
        // What the Java encoder Verrou used before wrote, with its prefix.
        PasswordEncoder earlier = new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2)));
        String stored = earlier.encode(TestAccounts.PASSWORD);
        users.rehashPassword(user.id(), stored);

        Page landed = new TestBrowser(port).signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(landed.location()).endsWith("/account");
        assertThat(users.findById(user.id()).orElseThrow().passwordHash()).as("same parameters: kept as it is")
                .isEqualTo(stored);
    }

    @Test
    void anAccountsDescriptionNeverShowsItsHash() {
        User user = accounts.newUser();

        assertThat(user.toString()).doesNotContain(user.passwordHash()).doesNotContain("argon2");
    }
}
