package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.Totp;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Signing in with the Verrou Authenticator (SPEC S5): push with number matching, and the app's codes. */
@VerrouTest
class PushSignInTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;

    @Test
    void thePushIsTheDefaultAndTheRightNumberSignsIn() {
        User bob = newUser();
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        TestBrowser browser = new TestBrowser(port);

        Page push = browser.follow(browser.signIn(bob.email(), TestAccounts.PASSWORD));

        assertThat(push.h1()).isEqualTo("Approve sign-in request");
        assertThat(push.body()).contains("src=\"/js/wait.js\"").contains("I can’t use my Verrou Authenticator app right now");
        assertThat(browser.getJson("/signin/verify/status").body()).contains("PENDING");
        AuthenticatorRegistrations.approveShown(app, push);
        assertThat(browser.getJson("/signin/verify/status").body()).contains("APPROVED");
        assertThat(browser.get("/signin/verify/check").location()).contains("/account");
    }

    @Test
    void theWaitingPagesStatusRequestIsAnsweredWhenTheAppApproves() throws Exception {
        User bob = newUser();
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        TestBrowser browser = new TestBrowser(port);
        Page push = browser.follow(browser.signIn(bob.email(), TestAccounts.PASSWORD));

        java.util.concurrent.CompletableFuture<Page> held = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> browser.getJson("/signin/verify/status?wait=20"));
        AuthenticatorRegistrations.approveShown(app, push);

        assertThat(held.get(15, java.util.concurrent.TimeUnit.SECONDS).body()).contains("APPROVED");
    }

    @Test
    void aPushThatExpiresLeavesThePageAbleToSendAnother() {
        User bob = newUser();
        AuthenticatorRegistrations.register(port, clock, bob);
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(bob.email(), TestAccounts.PASSWORD));

        clock.advance(Duration.ofSeconds(61));
        Page expired = browser.get("/signin/verify/check");

        assertThat(expired.error()).startsWith("The request expired");
        assertThat(expired.body()).contains("Send another request").doesNotContain("src=\"/js/wait.js\"");
        Page again = browser.follow(browser.post("/signin/verify/resend"));
        assertThat(AuthenticatorRegistrations.number(again)).matches("\\d{2}");
    }

    @Test
    void theAppsCodeIsAcceptedOnce() {
        User bob = newUser();
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        clock.advance(Duration.ofSeconds(30));

        TestBrowser first = new TestBrowser(port);
        first.follow(first.signIn(bob.email(), TestAccounts.PASSWORD));
        first.follow(first.post("/signin/verify/other", "option", option(first, "code")));
        String code = new Totp(OtpParameters.defaults()).generate(Base32.decode(app.totpSecret()), clock.instant());
        assertThat(first.post("/signin/verify", "code", code).location()).contains("/account");

        TestBrowser second = new TestBrowser(port);
        second.follow(second.signIn(bob.email(), TestAccounts.PASSWORD));
        second.follow(second.post("/signin/verify/other", "option", option(second, "code")));
        assertThat(second.post("/signin/verify", "code", code).error()).startsWith("That code isn’t right");
    }

    @Test
    void wrongNumbersInTheAppCountTowardTheSecondFactorLockout() {
        User bob = newUser();
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        // Four: the wizard's test request was the fifth push of these 15 minutes.
        for (int i = 0; i < 4; i++) {
            TestBrowser browser = new TestBrowser(port);
            Page push = browser.follow(browser.signIn(bob.email(), TestAccounts.PASSWORD));
            String shown = AuthenticatorRegistrations.number(push);
            String wrong = shown.equals("42") ? "43" : "42";
            assertThat(app.approve(AuthenticatorRegistrations.pendingRequest(app), wrong).statusCode()).isLessThan(300);
            assertThat(browser.get("/signin/verify/check").error()).contains("didn’t match");
        }
        // Four wrong numbers, then six wrong codes of the same app: ten failures lock the second factor.
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(bob.email(), TestAccounts.PASSWORD));
        browser.follow(browser.post("/signin/verify/other", "option", option(browser, "code")));
        String right = new io.verrou.otp.Totp(io.verrou.otp.OtpParameters.defaults())
                .generate(io.verrou.otp.Base32.decode(app.totpSecret()), clock.instant());
        String wrongCode = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            browser.post("/signin/verify", "code", wrongCode);
        }
        TestBrowser again = new TestBrowser(port);
        again.follow(again.signIn(bob.email(), TestAccounts.PASSWORD));
        again.follow(again.post("/signin/verify/other", "option", option(again, "code")));
        again.post("/signin/verify", "code", wrongCode);
        assertThat(again.follow(again.post("/signin/verify", "code", wrongCode)).h1()).isEqualTo("Sign-in locked for now");
    }

    private User newUser() {
        return accounts.newUser(accounts.newTenantWithDefaultPolicy(), "bob", Role.USER);
    }

    private static String option(TestBrowser browser, String suffix) {
        Page other = browser.get("/signin/verify/other");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"option\" value=\"([^\"]+:" + suffix + ")\"")
                .matcher(other.body());
        assertThat(m.find()).as("option " + suffix).isTrue();
        return m.group(1);
    }
}
