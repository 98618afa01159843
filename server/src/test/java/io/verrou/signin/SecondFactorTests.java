package io.verrou.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The second step of sign-in, once people have security info (SPEC S5). */
@VerrouTest
class SecondFactorTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    JdbcAuditLog audit;

    TestRegistrations registrations;

    @BeforeEach
    void setUp() {
        registrations = new TestRegistrations(port, clock);
    }

    @Test
    void theDefaultMethodIsAskedForAndNothingElseOpensBeforeIt() {
        Registered alice = registered();
        TestBrowser browser = new TestBrowser(port);

        Page landed = browser.signIn(alice.user().email(), TestAccounts.PASSWORD);

        assertThat(landed.location()).endsWith("/signin/verify");
        Page verify = browser.get("/signin/verify");
        assertThat(verify.h1()).isEqualTo("Enter code");
        assertThat(verify.body()).contains("Enter the code your authenticator app shows now").contains("Sign in another way");
        assertThat(browser.get("/account").location()).endsWith("/signin/verify");
        Page done = browser.post("/signin/verify", "code", alice.code(clock));
        assertThat(done.location()).contains("/account");
        assertThat(browser.get("/account").status()).isEqualTo(200);
    }

    @Test
    void signInAnotherWayTextsThePhoneAndItsCodeSignsIn() {
        Registered alice = registered();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));

        Page other = browser.get("/signin/verify/other");
        String masked = "+33 6•• •• •• " + alice.phone().substring(alice.phone().length() - 2);
        assertThat(other.body()).contains("Use a code from my authenticator app").contains("Text " + masked)
                .contains("Call " + masked);
        Page texted = browser.follow(browser.post("/signin/verify/other", "option", optionValue(other, "Text")));
        assertThat(texted.body()).contains("We texted a code to " + masked);

        Page done = browser.post("/signin/verify", "code", new Outbox(port).latest(alice.phone(), "sms").code());
        assertThat(done.location()).endsWith("/account");
    }

    @Test
    void aCallAnsweredWithTheHashKeySignsIn() {
        Registered alice = registered();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        Page other = browser.get("/signin/verify/other");

        Page calling = browser.follow(browser.post("/signin/verify/other", "option", optionValue(other, "Call")));
        assertThat(calling.h1()).isEqualTo("Approve by phone");
        assertThat(calling.body()).contains("http-equiv=\"refresh\"");
        new Outbox(port).press(new Outbox(port).latest(alice.phone(), "voice").id(), "#");

        assertThat(browser.get("/signin/verify").location()).endsWith("/account");
    }

    @Test
    void fiveWrongAppCodesEndTheAttempt() {
        Registered alice = registered();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        String wrong = alice.code(clock).equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            assertThat(browser.post("/signin/verify", "code", wrong).error()).isEqualTo("That code isn’t right. Check it and try again.");
        }

        Page ended = browser.post("/signin/verify", "code", wrong);

        assertThat(ended.location()).endsWith("/signin?toomany");
        assertThat(browser.follow(ended).body()).contains("You entered too many wrong codes.");
        assertThat(browser.get("/account").location()).endsWith("/signin");
        assertThat(audit.forUser(alice.user().id(), 30)).anySatisfy(e ->
                assertThat(e.event().type()).isEqualTo(AuditEventType.THROTTLED));
    }

    @Test
    void theSixthWrongTextCodeVoidsTheChallenge() {
        Registered alice = registered();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        browser.follow(browser.post("/signin/verify/other", "option", optionValue(browser.get("/signin/verify/other"), "Text")));
        String code = new Outbox(port).latest(alice.phone(), "sms").code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            browser.post("/signin/verify", "code", wrong);
        }

        Page sixth = browser.post("/signin/verify", "code", code);

        assertThat(sixth.error()).startsWith("This code can’t be used any more");
        assertThat(browser.get("/account").location()).endsWith("/signin/verify");
    }

    @Test
    void aRememberedBrowserSkipsTheSecondStepUntilSecurityInfoChanges() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRememberMfaDays(tenant.id(), 14);
        Registered alice = registrations.register(accounts.newUser(tenant, "alice", Role.USER));
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        assertThat(browser.get("/signin/verify").body()).contains("Don’t ask again for 14 days on this browser");
        browser.post("/signin/verify", "code", alice.code(clock), "remember", "true");
        browser.post("/signout");

        assertThat(browser.signIn(alice.user().email(), TestAccounts.PASSWORD).location()).endsWith("/account");
        assertThat(browser.get("/account").status()).isEqualTo(200);
        browser.post("/signout");
        // Another browser is not remembered.
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).location())
                .endsWith("/signin/verify");

        // A change to security info (here: a new default method) forgets every remembered browser.
        clock.advance(Duration.ofSeconds(30));
        TestBrowser changing = registrations.signedIn(alice);
        Page info = changing.get("/account/security-info");
        java.util.regex.Matcher phone = java.util.regex.Pattern.compile("name=\"option\" value=\"([0-9a-f-]{36}:sms)\"")
                .matcher(changing.get("/account/security-info/default").body());
        assertThat(info.status()).isEqualTo(200);
        assertThat(phone.find()).as("the phone is offered as default").isTrue();
        assertThat(changing.post("/account/security-info/default", "option", phone.group(1)).location()).endsWith("?changed");
        browser.post("/signout");
        assertThat(browser.signIn(alice.user().email(), TestAccounts.PASSWORD).location()).as("forgotten after the change")
                .endsWith("/signin/verify");

        clock.advance(Duration.ofDays(14));
        assertThat(browser.signIn(alice.user().email(), TestAccounts.PASSWORD).location()).endsWith("/signin/verify");
    }

    @Test
    void securityInfoElevenMinutesAfterTheLastSecondFactorAsksForItAgain() {
        Registered alice = registered();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(alice.user().email(), TestAccounts.PASSWORD));
        browser.post("/signin/verify", "code", alice.code(clock));
        assertThat(browser.get("/account/security-info").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(11));
        assertThat(browser.get("/account").status()).isEqualTo(200);
        Page stepUp = browser.get("/account/security-info");

        assertThat(stepUp.location()).endsWith("/signin/verify");
        Page back = browser.post("/signin/verify", "code", alice.code(clock));
        assertThat(back.location()).contains("/account/security-info");
        assertThat(browser.get("/account/security-info").status()).isEqualTo(200);
    }

    private Registered registered() {
        return registrations.register(accounts.newUser(accounts.newTenantWithDefaultPolicy(), "alice", Role.USER));
    }

    /** The value of the "Sign in another way" option whose label starts with {@code label}. */
    private static String optionValue(Page other, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("name=\"option\" value=\"([^\"]+)\">\\s*<button[^>]*>" + label + " ")
                .matcher(other.body());
        assertThat(m.find()).as("option " + label).isTrue();
        return m.group(1);
    }
}
