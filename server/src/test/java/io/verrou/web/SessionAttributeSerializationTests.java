package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A session stored by an earlier version, whose attributes this one can no longer read, is a session without them:
 * the person is asked to sign in again, and sees no error.
 */
@VerrouTest
class SessionAttributeSerializationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAttributeThatCanNoLongerBeReadIsTreatedAsAbsent() {
        Registered alice = new TestRegistrations(port, clock).register(accounts.newUser());
        TestBrowser browser = new TestRegistrations(port, clock).signedIn(alice);
        assertThat(browser.get("/account").status()).isEqualTo(200);

        int spoiled = jdbc.sql("""
                UPDATE SPRING_SESSION_ATTRIBUTES SET ATTRIBUTE_BYTES = :bytes
                WHERE SESSION_PRIMARY_ID IN (SELECT PRIMARY_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name)""")
                .param("bytes", new byte[] {0, 1, 2, 3}).param("name", alice.user().id().toString()).update();
        assertThat(spoiled).isPositive();

        Page account = browser.get("/account");
        assertThat(account.status()).isEqualTo(302);
        assertThat(account.location()).endsWith("/signin");
        assertThat(browser.follow(account).h1()).isEqualTo("Sign in");
    }
}
