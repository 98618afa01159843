package io.verrou.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEntry;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.AuditResult;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.User;
import io.verrou.user.UserState;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@VerrouTest
class SignInTests {

    private static final String INCORRECT = "Your email or password is incorrect. Check them and try again.";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcUserRepository users;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    JdbcAuditLog audit;
    @Autowired
    JdbcClient jdbc;

    TestBrowser browser;

    @BeforeEach
    void newBrowser() {
        browser = new TestBrowser(port);
    }

    @Test
    void signsInWithTheRightPasswordAndLandsOnMyAccount() {
        User user = accounts.newUser();

        Page landed = browser.signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(landed.status()).isEqualTo(302);
        assertThat(landed.location()).endsWith("/account");
        Page account = browser.follow(landed);
        assertThat(account.h1()).isEqualTo("My account");
        assertThat(account.body()).contains(user.displayName()).contains(user.email());
    }

    @Test
    void theEmailIsMatchedWhateverItsCaseAndSurroundingSpaces() {
        User user = accounts.newUser();

        Page landed = browser.signIn("  " + user.email().toUpperCase() + " ", TestAccounts.PASSWORD);

        assertThat(landed.location()).endsWith("/account");
    }

    @Test
    void theIdentifierStepLeadsToThePasswordPageThatShowsTheEmail() {
        User user = accounts.newUser();
        browser.get("/signin");

        Page next = browser.post("/signin", "email", user.email());

        assertThat(next.location()).endsWith("/signin/password");
        Page password = browser.get("/signin/password");
        assertThat(password.h1()).isEqualTo("Enter password");
        assertThat(password.body()).contains(user.email()).contains(">Back<").contains(">Forgot my password<");
    }

    @Test
    void thePasswordPageWithoutAnEmailSendsBackToTheFirstStep() {
        assertThat(browser.get("/signin/password").location()).endsWith("/signin");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndNoSession() {
        User user = accounts.newUser();

        Page page = browser.signIn(user.email(), "not-the-password");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.h1()).isEqualTo("Enter password");
        assertThat(page.error()).isEqualTo(INCORRECT);
        assertThat(browser.get("/account").location()).endsWith("/signin");
    }

    @Test
    void unknownAndDisabledAccountsAnswerExactlyLikeAWrongPassword() {
        Tenant tenant = accounts.newTenant();
        User known = accounts.newUser(tenant, "known", Role.USER);
        User disabled = accounts.newUser(tenant, "disabled", Role.USER);
        users.updateState(disabled.id(), UserState.DISABLED);
        String domain = tenants.domains(tenant.id()).get(0);

        Page wrongPassword = new TestBrowser(port).signIn(known.email(), "wrong-password");
        Page unknownAccount = new TestBrowser(port).signIn("nobody@" + domain, "wrong-password");
        Page unknownDomain = new TestBrowser(port).signIn("nobody@nowhere.example", "wrong-password");
        Page disabledRightPassword = new TestBrowser(port).signIn(disabled.email(), TestAccounts.PASSWORD);

        for (Page other : List.of(unknownAccount, unknownDomain, disabledRightPassword)) {
            assertThat(other.status()).isEqualTo(wrongPassword.status());
            assertThat(comparable(other)).isEqualTo(comparable(wrongPassword));
        }
    }

    @Test
    void tenFailuresLockForSixtySecondsAndTheNextLockoutLastsTwiceAsLong() {
        User user = accounts.newUser();
        browser.signIn(user.email(), "wrong-0");
        for (int i = 1; i < 9; i++) {
            assertThat(browser.post("/signin/password", "password", "wrong-" + i).error()).isEqualTo(INCORRECT);
        }

        Page tenth = browser.post("/signin/password", "password", "wrong-9");
        assertThat(tenth.error()).contains("locked").contains("60 seconds");
        // Even the right password is refused while locked.
        clock.advance(Duration.ofSeconds(59));
        assertThat(browser.post("/signin/password", "password", TestAccounts.PASSWORD).error()).contains("locked");

        // The lock ends on time; a further failure locks again, for 120 s this time.
        clock.advance(Duration.ofSeconds(1));
        Page again = browser.post("/signin/password", "password", "wrong-10");
        assertThat(again.error()).contains("locked").contains("2 minutes");
        clock.advance(Duration.ofSeconds(119));
        assertThat(browser.post("/signin/password", "password", TestAccounts.PASSWORD).error()).contains("locked");

        clock.advance(Duration.ofSeconds(1));
        Page signedIn = browser.post("/signin/password", "password", TestAccounts.PASSWORD);
        assertThat(signedIn.location()).endsWith("/account");
    }

    @Test
    void repeatingOneOfTheLastThreeWrongPasswordsIsNotCountedAgain() {
        User user = accounts.newUser();
        browser.signIn(user.email(), "typo-1");
        for (int i = 0; i < 20; i++) {
            browser.post("/signin/password", "password", "typo-" + (1 + i % 3));
        }

        Page page = browser.post("/signin/password", "password", TestAccounts.PASSWORD);

        assertThat(page.location()).endsWith("/account");
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() {
        User user = accounts.newUser();
        for (int i = 0; i < 9; i++) {
            new TestBrowser(port).signIn(user.email(), "wrong-" + i);
        }
        new TestBrowser(port).signIn(user.email(), TestAccounts.PASSWORD);

        Page afterOneMoreFailure = new TestBrowser(port).signIn(user.email(), "wrong-again");

        assertThat(afterOneMoreFailure.error()).isEqualTo(INCORRECT);
    }

    @Test
    void anUnknownNameIsLockedLikeAKnownOneSoLockoutRevealsNothing() {
        browser.signIn("ghost@nowhere.example", "guess-0");
        Page last = null;
        for (int i = 1; i < 10; i++) {
            last = browser.post("/signin/password", "password", "guess-" + i);
        }
        assertThat(last.error()).contains("locked").contains("60 seconds");
    }

    @Test
    void theSessionIdChangesAtSignIn() {
        User user = accounts.newUser();
        // A page that needs signing in keeps the way back in a session: the id an attacker could have planted.
        browser.get("/account");
        browser.get("/signin");
        browser.post("/signin", "email", user.email());
        String before = browser.cookie("VERROU_SESSION").orElseThrow().getValue();

        browser.get("/signin/password");
        browser.post("/signin/password", "password", TestAccounts.PASSWORD);

        String after = browser.cookie("VERROU_SESSION").orElseThrow().getValue();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void thePageAskedForBeforeSigningInIsShownAfterwards() {
        User user = accounts.newUser();
        assertThat(browser.get("/account/security-info").location()).endsWith("/signin");

        Page landed = browser.signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(landed.location()).contains("/account/security-info");
    }

    @Test
    void signingOutEndsTheSession() {
        User user = accounts.newUser();
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        Page signedOut = browser.post("/signout");

        assertThat(signedOut.location()).endsWith("/signin?signedout");
        assertThat(browser.follow(signedOut).body()).contains("You have signed out.");
        assertThat(browser.get("/account").location()).endsWith("/signin");
    }

    @Test
    void aSessionEndsAtTheTenantsAbsoluteTimeoutHoweverActive() {
        User user = accounts.newUser();
        tenants.updateSessionTimeouts(user.tenantId(), Duration.ofMinutes(60), Duration.ofHours(12));
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        // Active all along: a page every 50 minutes, within the idle timeout.
        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofMinutes(50));
            assertThat(browser.get("/account").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(19));
        assertThat(browser.get("/account").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        Page expired = browser.get("/account");

        assertThat(expired.location()).endsWith("/signin?expired");
        assertThat(browser.follow(expired).body()).contains("Your session has ended.");
        assertThat(browser.get("/account").location()).endsWith("/signin");
    }

    @Test
    void aSessionIdlesOutAfterTheTenantsIdleTimeout() {
        User user = accounts.newUser();
        tenants.updateSessionTimeouts(user.tenantId(), Duration.ofMinutes(15), Duration.ofHours(12));

        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        Integer idleSeconds = jdbc.sql("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name")
                .param("name", user.id().toString())
                .query(Integer.class)
                .single();
        assertThat(idleSeconds).isEqualTo(15 * 60);

        // By behaviour: used within 15 minutes it stays; left for 15 minutes it ends.
        clock.advance(Duration.ofMinutes(14));
        assertThat(browser.get("/account").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(14));
        assertThat(browser.get("/account").status()).as("14 minutes after the last use").isEqualTo(200);
        clock.advance(Duration.ofMinutes(15));
        Page idle = browser.get("/account");
        assertThat(idle.location()).endsWith("/signin?expired");
        assertThat(browser.get("/account").location()).endsWith("/signin");
        assertThat(audit.forUser(user.id(), 10)).anySatisfy(entry ->
                assertThat(entry.event().reason()).contains("idle_timeout"));
    }

    @Test
    void signInSuccessFailureAndLockoutAreAudited() {
        User user = accounts.newUser();
        browser.signIn(user.email(), "wrong-0");
        for (int i = 1; i < 10; i++) {
            browser.post("/signin/password", "password", "wrong-" + i);
        }
        clock.advance(Duration.ofMinutes(1));
        browser.post("/signin/password", "password", TestAccounts.PASSWORD);

        List<AuditEntry> entries = audit.forUser(user.id(), 50);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.event().type()).isEqualTo(AuditEventType.SIGN_IN);
            assertThat(e.event().result()).isEqualTo(AuditResult.SUCCESS);
            assertThat(e.event().client().userAgent()).isEqualTo("VerrouTestBrowser/1.0");
            assertThat(e.event().client().ip()).isNotBlank();
        });
        assertThat(entries).filteredOn(e -> e.event().type() == AuditEventType.SIGN_IN
                && e.event().result() == AuditResult.FAILURE).hasSize(10)
                .allSatisfy(e -> assertThat(e.event().reason()).contains("wrong_password"));
        assertThat(entries).filteredOn(e -> e.event().type() == AuditEventType.ACCOUNT_LOCKED).hasSize(1);
        assertThat(entries).allSatisfy(e -> assertThat(e.toString()).doesNotContain("wrong-").doesNotContain(TestAccounts.PASSWORD));
    }

    /** A page with what legitimately differs between two browsers (CSRF token, the email typed) taken out. */
    private static String comparable(Page page) {
        return page.body()
                .replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "CSRF")
                .replaceAll("[a-z0-9.]+@[a-z0-9.]+", "EMAIL");
    }
}
