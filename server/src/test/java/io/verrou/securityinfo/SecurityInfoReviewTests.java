package io.verrou.securityinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Is your security info still accurate?" every N days after sign-in and the second factor (SPEC S3.5). */
@VerrouTest
class SecurityInfoReviewTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    MutableClock clock;

    TestRegistrations registrations;
    Tenant tenant;
    Registered alice;

    @BeforeEach
    void alice() {
        registrations = new TestRegistrations(port, clock);
        tenant = accounts.newTenantWithDefaultPolicy();
        alice = registrations.register(accounts.newUser(tenant, "alice", Role.USER));
    }

    @Test
    void whenTheDaysHavePassedThePersonConfirmsTheirMethodsBeforeGoingOn() {
        tenants.updateReviewDays(tenant.id(), 30);
        assertThat(signInWithCode().location()).as("just registered: nothing to review").endsWith("/account");

        clock.advance(Duration.ofDays(30));
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        Page next = browser.post("/signin/verify", "code", alice.code(clock));
        assertThat(next.location()).endsWith("/account/review");
        Page review = browser.get("/account/review");
        assertThat(review.h1()).isEqualTo("Is your security info still accurate?");
        assertThat(review.body()).contains("Authenticator app", "Phone", "Looks good", "Update security info");
        assertThat(browser.get("/account/activity").location()).as("nothing else until then").endsWith("/account/review");

        assertThat(browser.post("/account/review", "action", "ok").location()).endsWith("/account");
        assertThat(browser.get("/account/activity").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));
        assertThat(signInWithCode().location()).as("confirmed: not asked again for 30 days").endsWith("/account");

        clock.advance(Duration.ofDays(30));
        assertThat(signInWithCode().location()).endsWith("/account/review");
    }

    @Test
    void updatingCountsAsReviewingAndLeadsToSecurityInfo() {
        tenants.updateReviewDays(tenant.id(), 1);
        clock.advance(Duration.ofDays(1));
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        browser.post("/signin/verify", "code", alice.code(clock));
        browser.get("/account/review");
        assertThat(browser.post("/account/review", "action", "update").location()).endsWith("/account/security-info");
        assertThat(browser.get("/account/security-info").status()).isEqualTo(200);
        assertThat(browser.get("/account/review").location()).endsWith("/account");
    }

    @Test
    void aPolicyOfZeroDaysNeverAsks() {
        clock.advance(Duration.ofDays(800));
        assertThat(signInWithCode().location()).endsWith("/account");
    }

    private Page signInWithCode() {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        Page next = browser.post("/signin/verify", "code", alice.code(clock));
        clock.advance(Duration.ofSeconds(30));
        return next;
    }
}
