package io.verrou.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.TestRegistrations;
import io.verrou.VerrouTest;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The second-factor lockout lives in the database (SPEC S5): wrong codes count across sessions, resends and
 * parallel requests; ten in 15 minutes lock the second factor, the right code is then refused, the person is
 * emailed, and an administrator can clear it.
 */
@VerrouTest
class SecondFactorLockoutTests {

    private static final String LOCKED = "There were too many failed attempts to verify your identity, so your second "
            + "factor is locked for 15 minutes.";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    TestRegistrations registrations;
    Tenant tenant;

    @BeforeEach
    void setUp() {
        registrations = new TestRegistrations(port, clock);
        tenant = accounts.newTenantWithDefaultPolicy();
    }

    private Registered person(String name) {
        return registrations.register(accounts.newUser(tenant, name, Role.USER));
    }

    private static String wrong(Registered person, MutableClock clock) {
        return person.code(clock).equals("000000") ? "111111" : "000000";
    }

    /** Wrong codes counted against the person in the current window; ten or more once a lockout began. */
    private int counted(Registered person) {
        return jdbc.sql("SELECT failures, lockouts FROM mfa_lockout WHERE user_id = :id").param("id", person.user().id())
                .query((rs, row) -> rs.getInt("lockouts") > 0 ? Math.max(10, rs.getInt("failures")) : rs.getInt("failures"))
                .optional().orElse(0);
    }

    private TestBrowser passwordOnly(Registered person) {
        TestBrowser browser = new TestBrowser(port);
        assertThat(browser.signIn(person.user().email(), TestAccounts.PASSWORD).location()).endsWith("/signin/verify");
        // The page, with the form's token of the session that starts now.
        browser.get("/signin/verify");
        return browser;
    }

    @Test
    void fortyWrongAppCodesOverEightFreshSignInsLockTheSecondFactorAndTheRightCodeIsThenRefused() {
        Registered bob = person("bob");
        for (int signIn = 0; signIn < 8; signIn++) {
            TestBrowser browser = passwordOnly(bob);
            for (int i = 0; i < 5; i++) {
                browser.post("/signin/verify", "code", wrong(bob, clock));
            }
        }

        TestBrowser browser = passwordOnly(bob);
        Page locked = browser.get("/signin/verify");
        assertThat(locked.h1()).isEqualTo("Sign-in locked for now");
        assertThat(locked.body()).contains(LOCKED);
        Page refused = browser.follow(browser.post("/signin/verify", "code", bob.code(clock)));
        assertThat(refused.body()).contains(LOCKED);
        assertThat(browser.get("/account").location()).endsWith("/signin/verify");
        assertThat(new Outbox(port).emails(bob.user().email())).anySatisfy(email ->
                assertThat(email.subject()).isEqualTo("Someone who knows your password is trying to sign in"));

        // The administrator sees it on the person's page and clears it.
        Registered admin = registrations.register(accounts.newUser(tenant, "root", Role.ADMIN));
        TestBrowser console = registrations.signedIn(admin);
        Page page = console.get("/admin/users/" + bob.user().id());
        assertThat(page.body()).contains("after too many failed attempts").contains(">Clear the lockout<");
        Page cleared = console.follow(console.post("/admin/users/" + bob.user().id() + "/clear-lockout"));
        assertThat(cleared.body()).contains("The lockout is cleared");

        TestBrowser again = passwordOnly(bob);
        assertThat(again.post("/signin/verify", "code", bob.code(clock)).location()).endsWith("/account");
    }

    @Test
    void wrongCodesFiredTwentyAtOnceInOneSessionCountEachOneCheckedAndLockIt() throws Exception {
        Registered carol = person("carol");
        TestBrowser browser = passwordOnly(carol);
        browser.get("/signin/verify");
        String wrong = wrong(carol, clock);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<Page>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                return browser.post("/signin/verify", "code", wrong);
            }));
        }
        start.countDown();
        int wrongCodePages = 0;
        for (Future<Page> answer : answers) {
            // A wrong code, the end of the attempt after five, or (once it has ended) a token of a session that is gone.
            Page page = answer.get();
            assertThat(page.status()).isIn(200, 302, 403);
            wrongCodePages += page.status() == 200 ? 1 : 0;
        }
        threads.shutdown();

        // Every code that was checked counted, none lost between threads: at least one failure per wrong-code page.
        // How many were checked before the session ended depends on timing; those that came after were never checked.
        int counted = counted(carol);
        assertThat(counted).isGreaterThanOrEqualTo(wrongCodePages);
        for (int i = counted; i < 10; i++) {
            TestBrowser more = passwordOnly(carol);
            more.post("/signin/verify", "code", wrong(carol, clock));
        }
        TestBrowser fresh = passwordOnly(carol);
        Page refused = fresh.follow(fresh.post("/signin/verify", "code", carol.code(clock)));
        assertThat(refused.body()).contains(LOCKED);
        assertThat(fresh.get("/account").location()).endsWith("/signin/verify");
    }

    @Test
    void theRightPasswordNeverClearsTheCountButTheRightCodeDoes() {
        Registered dave = person("dave");
        TestBrowser first = passwordOnly(dave);
        for (int i = 0; i < 4; i++) {
            first.post("/signin/verify", "code", wrong(dave, clock));
        }
        TestBrowser second = passwordOnly(dave);
        for (int i = 0; i < 4; i++) {
            second.post("/signin/verify", "code", wrong(dave, clock));
        }
        // Eight so far, across two sign-ins with the right password; the right code starts again from nothing.
        assertThat(second.post("/signin/verify", "code", dave.code(clock)).location()).endsWith("/account");
        clock.advance(Duration.ofSeconds(30));
        for (int signIn = 0; signIn < 2; signIn++) {
            TestBrowser browser = passwordOnly(dave);
            for (int i = 0; i < 4; i++) {
                browser.post("/signin/verify", "code", wrong(dave, clock));
            }
        }
        TestBrowser browser = passwordOnly(dave);
        assertThat(browser.get("/signin/verify").h1()).as("eight since the right code: not locked").isEqualTo("Enter code");
        browser.post("/signin/verify", "code", wrong(dave, clock));
        browser.post("/signin/verify", "code", wrong(dave, clock));
        assertThat(passwordOnly(dave).get("/signin/verify").h1()).as("the tenth").isEqualTo("Sign-in locked for now");
    }

    @Test
    void textedCodesAddUpAcrossResends() {
        Registered erin = person("erin");
        long textedBefore = new Outbox(port).count(erin.phone(), "sms");
        TestBrowser browser = passwordOnly(erin);
        Page other = browser.get("/signin/verify/other");
        java.util.regex.Matcher text = java.util.regex.Pattern.compile("name=\"option\" value=\"([^\"]+:sms)\"").matcher(other.body());
        assertThat(text.find()).isTrue();
        browser.follow(browser.post("/signin/verify/other", "option", text.group(1)));
        for (int round = 0; round < 2; round++) {
            String code = new Outbox(port).latest(erin.phone(), "sms").code();
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 0; i < 5; i++) {
                browser.post("/signin/verify", "code", wrong);
            }
            clock.advance(Duration.ofSeconds(31));
            browser.follow(browser.post("/signin/verify/resend"));
        }

        assertThat(browser.get("/signin/verify").h1()).isEqualTo("Sign-in locked for now");
        assertThat(new Outbox(port).count(erin.phone(), "sms") - textedBefore).as("two texts, none once locked").isEqualTo(2);
    }

    @Test
    void theLockoutEndsAfterFifteenMinutes() {
        Registered frank = person("frank");
        for (int signIn = 0; signIn < 2; signIn++) {
            TestBrowser browser = passwordOnly(frank);
            for (int i = 0; i < 5; i++) {
                browser.post("/signin/verify", "code", wrong(frank, clock));
            }
        }
        assertThat(passwordOnly(frank).get("/signin/verify").h1()).isEqualTo("Sign-in locked for now");

        clock.advance(Duration.ofMinutes(15));
        TestBrowser browser = passwordOnly(frank);
        assertThat(browser.post("/signin/verify", "code", frank.code(clock)).location()).endsWith("/account");
    }

    @Test
    void theSessionIdChangesWhenTheSecondFactorIsProved() {
        Registered grace = person("grace");
        TestBrowser browser = passwordOnly(grace);
        String captured = browser.cookie("VERROU_SESSION").orElseThrow().getValue();

        assertThat(browser.post("/signin/verify", "code", grace.code(clock)).location()).endsWith("/account");

        String after = browser.cookie("VERROU_SESSION").orElseThrow().getValue();
        assertThat(after).isNotEqualTo(captured);
        // Whoever kept the id from between the two steps gains nothing when the person completes them.
        TestBrowser attacker = new TestBrowser(port).withCookie("VERROU_SESSION", captured);
        assertThat(attacker.get("/account").location()).endsWith("/signin");
    }
}
