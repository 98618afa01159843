package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.passwordreset.ResetPortal;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Approve a notification on my authenticator app" on the reset portal (SPEC S9): the number is shown on the
 * page and typed in the app, as at sign-in; a denied notification is a failed verification.
 */
@VerrouTest
class ResetByNotificationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;

    @Test
    void approvingTheNotificationWithTheNumberShownProvesTheApp() {
        User bob = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "bob", Role.USER);
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        TestBrowser browser = new TestBrowser(port);

        Page push = ResetPortal.choose(browser, bob.email(), "app_notification");
        assertThat(push.body()).contains("Approve a notification on my authenticator app", "src=\"/js/wait.js\"");
        assertThat(browser.getJson("/passwordreset/verify/status").body()).contains("PENDING");
        assertThat(app.pending(1).body()).contains("\"kind\":\"reset\"");
        AuthenticatorRegistrations.approveShown(app, push);

        assertThat(browser.getJson("/passwordreset/verify/status").body()).contains("APPROVED");
        assertThat(browser.get("/passwordreset/verify").location()).endsWith("/passwordreset/password");
    }

    @Test
    void aDeniedNotificationIsAFailedVerificationAndAnotherCanBeSent() {
        User bob = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "bob", Role.USER);
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        TestBrowser browser = new TestBrowser(port);

        ResetPortal.choose(browser, bob.email(), "app_notification");
        UUID request = AuthenticatorRegistrations.pendingRequest(app);
        app.deny(request, false);

        Page denied = browser.get("/passwordreset/verify");
        assertThat(denied.body()).contains("The notification was denied in the app").contains("Send another notification");
        Page again = browser.follow(browser.post("/passwordreset/verify/resend"));
        assertThat(again.body()).contains("Waiting for your approval");
        AuthenticatorRegistrations.approveShown(app, again);
        assertThat(browser.get("/passwordreset/verify").location()).endsWith("/passwordreset/password");
    }
}
