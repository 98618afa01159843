package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Temporary Access Passes (SPEC S11): issued in the console and shown once, they sign a person in without their
 * password or second factor, within their lifetime, once when one-time.
 */
@VerrouTest
class TemporaryAccessPassTests extends AdminConsoleTest {

    private static final Pattern PASS = Pattern.compile("id=\"temporary-access-pass\">([A-Za-z0-9]{12})<");

    TestBrowser console;

    @BeforeEach
    void contoso() {
        console = registrations.signedIn(admin);
    }

    @Test
    void aPersonWithoutSecurityInfoSignsInWithAOneTimePassAndSetsItUp() {
        User bob = accounts.newUser(contoso, "bob", Role.USER);
        String pass = issue(bob, "60", true);

        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");
        browser.post("/signin", "email", bob.email());
        assertThat(browser.get("/signin/password").body()).contains("Use a Temporary Access Pass");
        assertThat(browser.get("/signin/tap").h1()).isEqualTo("Enter Temporary Access Pass");
        Page signedIn = browser.post("/signin/tap", "pass", pass);
        assertThat(browser.follow(signedIn).body()).contains("More information required");
        assertThat(browser.follow(browser.post("/register/start")).body()).as("the wizard opens without another factor")
                .contains("Keep your account secure");

        TestBrowser again = new TestBrowser(port);
        again.get("/signin");
        again.post("/signin", "email", bob.email());
        again.get("/signin/tap");
        assertThat(again.post("/signin/tap", "pass", pass).error()).as("used once").contains("That pass isn’t right");
    }

    @Test
    void aPassStopsAtTheEndOfItsLifetimeAndWhenRevoked() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        String pass = issue(alice.user(), "30", false);
        assertThat(signInWithPass(alice.user(), pass).location()).endsWith("/account");
        assertThat(signInWithPass(alice.user(), pass).location()).as("not one-time: again").endsWith("/account");
        clock.advance(Duration.ofMinutes(30));
        assertThat(signInWithPass(alice.user(), pass).error()).contains("That pass isn’t right");

        String another = issue(alice.user(), "30", false);
        assertThat(console.get("/admin/users/" + alice.user().id()).body()).contains("A pass is valid until");
        console.post("/admin/users/" + alice.user().id() + "/tap/revoke");
        assertThat(signInWithPass(alice.user(), another).error()).contains("That pass isn’t right");
    }

    @Test
    void theLifetimeMustBeWithinThePolicyAndThePolicyMustAllowPasses() {
        User bob = accounts.newUser(contoso, "bob", Role.USER);
        console.get("/admin/users/" + bob.id());
        assertThat(console.post("/admin/users/" + bob.id() + "/tap", "minutes", "5").error())
                .contains("within your organisation’s policy");
        assertThat(console.post("/admin/users/" + bob.id() + "/tap", "minutes", "lots").error())
                .contains("within your organisation’s policy");

        String pass = issue(bob, "60", false);
        tenants.updateMethodPolicy(contoso.id(), new MethodPolicy("tap", false, false, false));
        assertThat(console.get("/admin/users/" + bob.id()).body()).doesNotContain("Issue Temporary Access Pass");
        assertThat(signInWithPass(bob, pass).error()).as("a pass issued before no longer works")
                .contains("That pass isn’t right");
    }

    @Test
    void wrongPassesCountTowardTheSignInLockout() {
        User bob = accounts.newUser(contoso, "bob", Role.USER);
        String pass = issue(bob, "60", false);
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");
        browser.post("/signin", "email", bob.email());
        browser.get("/signin/tap");
        for (int i = 0; i < 9; i++) {
            assertThat(browser.post("/signin/tap", "pass", "wrongpass" + i).error()).contains("That pass isn’t right");
        }
        assertThat(browser.post("/signin/tap", "pass", "wrongpass9").error()).contains("locked");
        assertThat(browser.post("/signin/tap", "pass", pass).error()).as("not even the right pass while locked")
                .contains("locked");
    }

    private String issue(User person, String minutes, boolean oneTime) {
        console.get("/admin/users/" + person.id());
        Page issued = oneTime
                ? console.post("/admin/users/" + person.id() + "/tap", "minutes", minutes, "oneTime", "true")
                : console.post("/admin/users/" + person.id() + "/tap", "minutes", minutes);
        Matcher m = PASS.matcher(issued.body());
        assertThat(m.find()).as("the pass is shown once").isTrue();
        return m.group(1);
    }

    private Page signInWithPass(User person, String pass) {
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");
        browser.post("/signin", "email", person.email());
        browser.get("/signin/tap");
        return browser.post("/signin/tap", "pass", pass);
    }
}
