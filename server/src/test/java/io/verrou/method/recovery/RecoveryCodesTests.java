package io.verrou.method.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Recovery codes (SPEC S4.8): ten shown once with Download, each good once, a new set voids the old, a code used is
 * told by email, and wrong ones count toward the second-factor lockout.
 */
@VerrouTest
class RecoveryCodesTests {

    private static final Pattern CODE = Pattern.compile("<code class=\"secret\">([A-Z2-9]{5}-[A-Z2-9]{5})</code>");
    private static final String LOCKED = "There were too many failed attempts to verify your identity";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    AuthMethods methods;

    TestRegistrations registrations;
    Registered erin;

    @BeforeEach
    void erin() {
        registrations = new TestRegistrations(port, clock);
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        erin = registrations.register(accounts.newUser(tenant, "erin", Role.USER));
    }

    /** Sets up a new set (or, with {@code change}, replaces it) on Security info; returns the codes shown. */
    private List<String> setUp(TestBrowser browser, boolean change) {
        Page setup = change
                ? browser.follow(browser.post("/account/security-info/methods/" + recoveryMethod().id() + "/change"))
                : browser.follow(browser.post("/account/security-info/add", "step", "RECOVERY"));
        assertThat(setup.body()).contains("Save your recovery codes", "Download", "Print");
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(setup.body());
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        Page download = browser.get("/register/recovery-codes/download");
        assertThat(download.header("Content-Disposition").orElse("")).contains("attachment");
        assertThat(download.body()).contains(codes.get(0), codes.get(9));
        assertThat(browser.post("/register/recovery-codes").location()).contains("/account/security-info");
        return codes;
    }

    private AuthMethod recoveryMethod() {
        return methods.of(erin.user().id()).stream().filter(m -> m.kind().id().equals("recovery_codes")).findFirst()
                .orElseThrow();
    }

    /** A new sign-in with the password, at the recovery-code step. */
    private TestBrowser atRecoveryCode() {
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(erin.user().email(), TestAccounts.PASSWORD));
        assertThat(browser.get("/signin/verify/other").body()).contains("Use a recovery code");
        browser.post("/signin/verify/other", "option", recoveryMethod().id() + ":recovery");
        assertThat(browser.get("/signin/verify").h1()).isEqualTo("Enter a recovery code");
        return browser;
    }

    @Test
    void eachCodeSignsInOnceAndTheUseIsToldByEmail() {
        TestBrowser setUp = registrations.signedIn(erin);
        List<String> codes = setUp(setUp, false);
        assertThat(setUp.get("/account/security-info").body()).contains("Recovery codes", "10/10");
        setUp.post("/signout");
        int emailsBefore = new Outbox(port).emails(erin.user().email()).size();

        TestBrowser first = atRecoveryCode();
        // Typed as people type: lower case, without the dash.
        Page signedIn = first.follow(first.post("/signin/verify", "code", codes.get(3).replace("-", "").toLowerCase()));
        assertThat(signedIn.h1()).isEqualTo("My account");
        assertThat(new Outbox(port).emails(erin.user().email())).hasSizeGreaterThan(emailsBefore);
        assertThat(recoveryMethod().detail()).contains("9");

        TestBrowser again = atRecoveryCode();
        assertThat(again.post("/signin/verify", "code", codes.get(3)).error()).contains("isn’t right");
    }

    @Test
    void aNewSetVoidsTheOldOne() {
        TestBrowser browser = registrations.signedIn(erin);
        List<String> old = setUp(browser, false);
        List<String> fresh = setUp(browser, true);
        assertThat(fresh).doesNotContainAnyElementsOf(old);
        browser.post("/signout");

        TestBrowser signIn = atRecoveryCode();
        assertThat(signIn.post("/signin/verify", "code", old.get(0)).error()).contains("isn’t right");
        assertThat(signIn.follow(signIn.post("/signin/verify", "code", fresh.get(0))).h1()).isEqualTo("My account");
    }

    @Test
    void tenWrongCodesLockTheSecondFactor() {
        TestBrowser browser = registrations.signedIn(erin);
        setUp(browser, false);
        browser.post("/signout");
        for (int signIn = 0; signIn < 2; signIn++) {
            TestBrowser attempt = atRecoveryCode();
            for (int i = 0; i < 5; i++) {
                attempt.post("/signin/verify", "code", "AAAAA-AAAA" + i);
            }
        }
        TestBrowser after = new TestBrowser(port);
        after.follow(after.signIn(erin.user().email(), TestAccounts.PASSWORD));
        assertThat(after.follow(after.get("/signin/verify")).body()).contains(LOCKED);
    }
}
