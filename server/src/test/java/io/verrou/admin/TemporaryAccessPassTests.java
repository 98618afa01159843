package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.tenant.MethodPolicy;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Temporary Access Passes (SPEC S11): issued in the console and shown once, they sign a person in without their
 * password or second factor, within their lifetime, once when one-time.
 */
@VerrouTest
class TemporaryAccessPassTests extends AdminConsoleTest {

    private static final Pattern PASS = Pattern.compile("id=\"temporary-access-pass\">([A-Za-z0-9]{12})<");

    TestBrowser console;
    @Autowired
    TemporaryAccessPasses passes;
    @Autowired
    JdbcAuditLog audit;

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

    @Test
    void anAdministratorCanNotIssueAPassToThemself() {
        console.get("/admin/users/" + admin.user().id());
        Page refused = console.post("/admin/users/" + admin.user().id() + "/tap", "minutes", "60");

        assertThat(refused.error()).contains("You can’t issue a Temporary Access Pass to yourself");
        assertThat(refused.body()).doesNotContain("temporary-access-pass\">");
        assertThat(passes.active(admin.user().id())).isEmpty();
    }

    @Test
    void issuingUsingAndTheExpiryOfAPassAreEmailedToItsHolderAndAudited() {
        User bob = accounts.newUser(contoso, "bob", Role.USER);
        Outbox outbox = new Outbox(port);
        String pass = issue(bob, "30", false);
        assertThat(outbox.emails(bob.email())).anySatisfy(email -> {
            assertThat(email.subject()).isEqualTo("A Temporary Access Pass was issued for your account");
            assertThat(email.body()).contains("valid until").doesNotContain(pass);
        });

        assertThat(signInWithPass(bob, pass).isRedirect()).isTrue();
        assertThat(outbox.emails(bob.email())).anySatisfy(email ->
                assertThat(email.subject()).isEqualTo("Your Temporary Access Pass was used to sign in"));

        assertThat(passes.notifyExpired()).as("nothing has expired yet").isZero();
        clock.advance(Duration.ofMinutes(30));
        assertThat(passes.notifyExpired()).isEqualTo(1);
        assertThat(passes.notifyExpired()).as("told once").isZero();
        assertThat(outbox.emails(bob.email())).anySatisfy(email ->
                assertThat(email.subject()).isEqualTo("Your Temporary Access Pass has expired"));
        assertThat(audit.forUser(bob.id(), 50)).anySatisfy(entry -> {
            assertThat(entry.event().type()).isEqualTo(AuditEventType.TEMPORARY_ACCESS_PASS);
            assertThat(entry.event().reason()).contains("expired");
        });
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
