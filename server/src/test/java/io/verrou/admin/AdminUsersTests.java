package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.method.AuthMethods;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The people pages of the admin console (SPEC S11): only an organisation's administrators, after their own
 * second factor, see its people, and can unblock a blocked second factor, revoke sessions, disable and enable.
 */
@VerrouTest
class AdminUsersTests extends AdminConsoleTest {

    @Autowired
    JdbcUserRepository users;
    @Autowired
    AuthMethods methods;

    Registered alice;

    @BeforeEach
    void contoso() {
        alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
    }

    @Test
    void aRememberedBrowserDoesNotOpenTheConsoleWithoutASecondFactorProvedNow() {
        tenants.updateRememberMfaDays(contoso.id(), 14);
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(admin.user().email(), TestAccounts.PASSWORD));
        browser.post("/signin/verify", "code", admin.code(clock), "remember", "true");
        browser.post("/signout");
        clock.advance(java.time.Duration.ofSeconds(30));

        assertThat(browser.signIn(admin.user().email(), TestAccounts.PASSWORD).location()).as("remembered")
                .endsWith("/account");
        assertThat(browser.get("/account").status()).isEqualTo(200);
        assertThat(browser.get("/admin/users").location()).as("the console asks for the second factor")
                .endsWith("/signin/verify");
        assertThat(browser.follow(browser.get("/signin/verify")).h1()).isEqualTo("Enter code");
        assertThat(browser.post("/signin/verify", "code", admin.code(clock)).location()).contains("/admin/users");
        assertThat(browser.get("/admin/users").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorFindsThePeopleOfTheirOrganisationOnly() {
        User stranger = accounts.newUser(accounts.newTenant(), "alice", Role.USER);
        TestBrowser browser = registrations.signedIn(admin);

        assertThat(browser.get("/account").body()).contains("Administration");
        Page all = browser.follow(browser.get("/admin"));
        assertThat(all.h1()).isEqualTo("Users");
        assertThat(all.body()).contains(alice.user().email(), admin.user().email()).doesNotContain(stranger.email());
        Page found = browser.get("/admin/users?q=ALICE");
        assertThat(found.body()).contains(alice.user().email()).doesNotContain(admin.user().email());
        assertThat(browser.get("/admin/users?q=%25").body()).as("a wildcard is a character like any other")
                .contains("No one matches.");
        assertThat(browser.get("/admin/users/" + stranger.id()).status()).isEqualTo(404);
        assertThat(browser.get("/admin/users/" + alice.user().id()).body()).contains("Alice Tester", "Revoke sessions");
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefusedAndAnAdministratorProvesTheirSecondFactorFirst() {
        TestBrowser person = registrations.signedIn(alice);
        Page refused = person.get("/admin/users");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for the role").isEqualTo("Access denied");
        assertThat(person.get("/account").body()).doesNotContain("Administration");

        TestBrowser halfway = new TestBrowser(port);
        halfway.follow(halfway.signIn(admin.user().email(), TestAccounts.PASSWORD));
        assertThat(halfway.get("/admin/users").location()).contains("/signin/verify");
        assertThat(new TestBrowser(port).get("/admin/users").location()).contains("/signin");
    }

    @Test
    void unblockingMfaLetsThePersonSignInWithTheirSecondMethodAgain() {
        users.blockMfa(alice.user().id(), true);
        TestBrowser blocked = new TestBrowser(port);
        assertThat(blocked.follow(blocked.signIn(alice.user().email(), TestAccounts.PASSWORD)).body())
                .contains("blocked");

        TestBrowser browser = registrations.signedIn(admin);
        Page page = browser.get("/admin/users/" + alice.user().id());
        assertThat(page.body()).contains("Blocked after a request was reported", "Unblock MFA");
        Page unblocked = browser.post("/admin/users/" + alice.user().id() + "/unblock-mfa");
        assertThat(browser.follow(unblocked).body()).contains("MFA is unblocked").doesNotContain("Unblock MFA</button>");

        assertThat(users.mfaBlocked(alice.user().id())).isFalse();
        assertThat(registrations.signedIn(alice).get("/account").status()).isEqualTo(200);
        assertThat(registrations.signedIn(alice).get("/account/activity").body())
                .contains("An administrator changed your account");
    }

    @Test
    void revokingSessionsEndsThemAndDisablingStopsSignInUntilEnabledAgain() {
        TestBrowser aliceBrowser = registrations.signedIn(alice);
        TestBrowser browser = registrations.signedIn(admin);

        browser.get("/admin/users/" + alice.user().id());
        browser.post("/admin/users/" + alice.user().id() + "/signout-everywhere");
        assertThat(aliceBrowser.get("/account").location()).contains("/signin");

        TestBrowser again = registrations.signedIn(alice);
        browser.get("/admin/users/" + alice.user().id());
        assertThat(browser.follow(browser.post("/admin/users/" + alice.user().id() + "/disable")).body())
                .contains("The account is disabled.", "Enable");
        assertThat(again.get("/account").location()).contains("/signin");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).body())
                .contains("Your email or password is incorrect");

        browser.post("/admin/users/" + alice.user().id() + "/enable");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).location())
                .contains("/signin/verify");
    }

    @Test
    void requiringReRegistrationDeletesTheSignInMethodsAndTheNextSignInAsksForThemAgain() {
        TestBrowser aliceBrowser = registrations.signedIn(alice);
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/users/" + alice.user().id());
        Page done = browser.follow(browser.post("/admin/users/" + alice.user().id() + "/require-registration"));
        assertThat(done.body()).contains("sets up their security info again", "No security info registered.");

        assertThat(methods.of(alice.user().id())).isEmpty();
        assertThat(aliceBrowser.get("/account").location()).contains("/signin");
        TestBrowser next = new TestBrowser(port);
        assertThat(next.follow(next.signIn(alice.user().email(), TestAccounts.PASSWORD)).body())
                .contains("More information required");
    }

    @Test
    void anAdministratorCannotDisableThemself() {
        TestBrowser browser = registrations.signedIn(admin);
        assertThat(browser.get("/admin/users/" + admin.user().id()).body()).doesNotContain(">Disable</button>");
        Page refused = browser.post("/admin/users/" + admin.user().id() + "/disable");
        assertThat(browser.follow(refused).body()).contains("You can’t disable your own account.");
        assertThat(users.findById(admin.user().id()).orElseThrow().enabled()).isTrue();
    }

    @Test
    void anActionWithoutItsTokenIsRefused() {
        users.blockMfa(alice.user().id(), true);
        TestBrowser browser = registrations.signedIn(admin);
        Page refused = browser.postRaw("/admin/users/" + alice.user().id() + "/unblock-mfa");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for its missing token").isEqualTo("This form has expired");
        assertThat(users.mfaBlocked(alice.user().id())).isTrue();
    }
}
