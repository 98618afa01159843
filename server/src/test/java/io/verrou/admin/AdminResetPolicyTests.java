package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.verrou.Outbox;
import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.passwordreset.ResetPortal;
import io.verrou.user.Role;

import org.junit.jupiter.api.Test;

/** The password reset policy in the admin console (SPEC S9, S11): on or off, one or two methods, banned terms. */
@VerrouTest
class AdminResetPolicyTests extends AdminConsoleTest {

    @Test
    void theAdministratorsSettingsApplyToTheNextReset() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser browser = registrations.signedIn(admin);
        Page page = browser.get("/admin/password-reset");
        assertThat(page.h1()).isEqualTo("Password reset");
        assertThat(page.body()).contains("People may reset their own password");

        Page saved = browser.post("/admin/password-reset", "enabled", "true", "methods", "2", "terms", "Falcon\n\n  harbour \nFALCON");
        assertThat(saved.location()).endsWith("/admin/password-reset?saved");
        assertThat(tenants.policy(contoso.id()).resetMethodsRequired()).isEqualTo(2);
        assertThat(tenants.bannedTerms(contoso.id())).containsExactlyInAnyOrder("Falcon", "harbour");
        assertThat(browser.get("/admin/password-reset?saved").body()).contains("Saved.", "Falcon\nharbour");

        TestBrowser reset = new TestBrowser(port);
        ResetPortal.choose(reset, alice.user().email(), "sms");
        reset.post("/passwordreset/verify/phone", "region", "FR", "number", alice.phone());
        Page step2 = reset.follow(reset.post("/passwordreset/verify/code", "code",
                new Outbox(port).latest(alice.phone(), "sms").code()));
        assertThat(step2.body()).contains("Verification step 2 of 2");
        reset.follow(reset.post("/passwordreset/verify/choose", "option", "app_code"));
        reset.follow(reset.post("/passwordreset/verify/code", "code", alice.code(clock)));
        assertThat(reset.post("/passwordreset/password", "password", "F@lc0n-rises-at-dawn",
                "confirmation", "F@lc0n-rises-at-dawn").error()).contains("contains a word your organisation doesn’t allow");

        browser.get("/admin/password-reset");
        browser.post("/admin/password-reset", "methods", "1", "terms", "");
        TestBrowser off = new TestBrowser(port);
        ResetPortal.begin(off, alice.user().email());
        assertThat(off.get("/passwordreset/verify").body()).contains("doesn’t let its people reset their own password");
    }

    @Test
    void aTermOfTheWrongLengthIsExplainedAndNothingIsSaved() {
        tenants.updateBannedTerms(contoso.id(), List.of("kept"));
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/password-reset");
        Page refused = browser.post("/admin/password-reset", "enabled", "true", "methods", "1", "terms", "fine\nabc");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.error()).contains("“abc” doesn’t");
        assertThat(refused.body()).as("what was typed is kept").contains("fine\nabc");
        assertThat(tenants.bannedTerms(contoso.id())).containsExactly("kept");

        Page tooLong = browser.post("/admin/password-reset", "enabled", "true", "methods", "1", "terms", "x".repeat(10_000));
        assertThat(tooLong.status()).isEqualTo(200);
        assertThat(tooLong.error()).contains("4 to 16 characters");
    }

    @Test
    void onlyAnAdministratorSeesThePolicy() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        Page refused = registrations.signedIn(alice).get("/admin/password-reset");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for the role").isEqualTo("Access denied");
    }
}
