package io.verrou.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Change password" on My account: the current password first, the rules of SPEC S9, other sessions ended. */
@VerrouTest
class PasswordChangeTests {

    private static final String NEW_PASSWORD = "Walnut-ferry-clouds-58";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;

    Registered alice;
    TestRegistrations registrations;

    @BeforeEach
    void alice() {
        registrations = new TestRegistrations(port, clock);
        Tenant contoso = accounts.newTenantNamed("Contoso");
        alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
    }

    @Test
    void aNewPasswordReplacesTheOldOneEndsTheOtherSessionsAndKeepsThisOne() {
        TestBrowser elsewhere = registrations.signedIn(alice);
        TestBrowser browser = registrations.signedIn(alice);
        assertThat(browser.get("/account").body()).contains("Change password");
        assertThat(browser.get("/account/password").h1()).isEqualTo("Change password");

        Page changed = browser.post("/account/password", "current", TestAccounts.PASSWORD, "password", NEW_PASSWORD,
                "confirmation", NEW_PASSWORD);

        assertThat(changed.location()).endsWith("/account?passwordchanged");
        assertThat(browser.get("/account?passwordchanged").body()).contains("Your password was changed.");
        assertThat(elsewhere.get("/account").location()).contains("/signin");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).body())
                .contains("Your email or password is incorrect");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), NEW_PASSWORD).location()).contains("/signin/verify");
        Outbox.Email email = new Outbox(port).latestEmail(alice.user().email());
        assertThat(email.subject()).isEqualTo("Your security info was changed");
        assertThat(email.body()).contains("Your password was changed").doesNotContain(NEW_PASSWORD);
        assertThat(browser.get("/account/activity").body()).contains("Password changed");
    }

    @Test
    void theNewPasswordFollowsTheSameRulesAsAtReset() {
        TestBrowser browser = registrations.signedIn(alice);
        assertThat(change(browser, TestAccounts.PASSWORD, "Password1!").error()).contains("one of the most common ones");
        assertThat(change(browser, TestAccounts.PASSWORD, "alice2026").error()).contains("Don’t use your name");
        assertThat(change(browser, TestAccounts.PASSWORD, TestAccounts.PASSWORD).error()).contains("your current password");
        assertThat(browser.post("/account/password", "current", TestAccounts.PASSWORD, "password", NEW_PASSWORD,
                "confirmation", "something else").error()).contains("don’t match");
    }

    @Test
    void fiveWrongCurrentPasswordsSignThePersonOut() {
        TestBrowser browser = registrations.signedIn(alice);
        for (int i = 1; i < 5; i++) {
            assertThat(change(browser, "wrong-" + i, NEW_PASSWORD).error()).contains("That isn’t your current password");
        }
        Page fifth = change(browser, "wrong-5", NEW_PASSWORD);
        assertThat(fifth.location()).endsWith("/signin?toomanypasswords");
        assertThat(browser.get("/account").location()).contains("/signin");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).location())
                .as("the password is unchanged").contains("/signin/verify");
    }

    @Test
    void onlyASignedInPersonCanChangeTheirPassword() {
        TestBrowser anonymous = new TestBrowser(port);
        assertThat(anonymous.get("/account/password").location()).contains("/signin");
    }

    private static Page change(TestBrowser browser, String current, String password) {
        browser.get("/account/password");
        return browser.post("/account/password", "current", current, "password", password, "confirmation", password);
    }
}
