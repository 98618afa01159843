package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts an administrator creates and passwords they reset (SPEC S11): a temporary password shown once, which
 * the person replaces with their own at their next sign-in, before it expires.
 */
@VerrouTest
class TemporaryPasswordTests extends AdminConsoleTest {

    private static final Pattern TEMPORARY = Pattern.compile("id=\"temporary-password\">([A-Za-z0-9-]{19})<");
    private static final String OWN = "Lantern-orchard-figs-61";

    @Autowired
    JdbcUserRepository users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCreatedPersonSignsInWithTheTemporaryPasswordThenChoosesTheirOwnBeforeAnythingElse() {
        TestBrowser browser = registrations.signedIn(admin);
        assertThat(browser.get("/admin/users").body()).contains("+ Create user");
        assertThat(browser.get("/admin/users/new").h1()).isEqualTo("Create user");
        Page created = browser.post("/admin/users", "name", "Dana Scully", "localPart", "dana", "domain",
                accounts.domain(contoso), "role", "USER");
        assertThat(created.h1()).isEqualTo("Temporary password");
        String temporary = temporaryIn(created);
        String email = "dana@" + accounts.domain(contoso);

        TestBrowser dana = new TestBrowser(port);
        Page signedIn = dana.signIn(email, temporary);
        assertThat(signedIn.location()).endsWith("/signin/update-password");
        assertThat(dana.get("/account").location()).as("not signed in yet").contains("/signin");
        assertThat(dana.get("/signin/update-password").h1()).isEqualTo("Update your password");
        assertThat(dana.post("/signin/update-password", "password", "Password1!", "confirmation", "Password1!").error())
                .contains("one of the most common ones");
        assertThat(dana.post("/signin/update-password", "password", temporary, "confirmation", temporary).error())
                .contains("your current password");
        Page updated = dana.post("/signin/update-password", "password", OWN, "confirmation", OWN);
        assertThat(dana.follow(updated).body()).contains("More information required");

        assertThat(new TestBrowser(port).signIn(email, temporary).body()).contains("Your email or password is incorrect");
        assertThat(new TestBrowser(port).signIn(email, OWN).location()).doesNotContain("update-password");
        String audit = String.join("\n", jdbc.sql("SELECT CONCAT(actor, '|', COALESCE(reason, ''), '|', COALESCE(detail, '')) FROM audit_event")
                .query(String.class).list());
        assertThat(audit).contains("create_user").doesNotContain(temporary).doesNotContain(OWN);
    }

    @Test
    void aTemporaryPasswordStopsWorkingAfterSevenDays() {
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/users/new");
        String temporary = temporaryIn(browser.post("/admin/users", "name", "Eve", "localPart", "eve", "domain",
                accounts.domain(contoso), "role", "USER"));
        clock.advance(java.time.Duration.ofDays(7).plusSeconds(1));
        assertThat(new TestBrowser(port).signIn("eve@" + accounts.domain(contoso), temporary).error())
                .contains("This temporary password has expired");
    }

    @Test
    void anAdministratorsResetEndsTheSessionsAndTheOldPassword() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser aliceBrowser = registrations.signedIn(alice);
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/users/" + alice.user().id());
        String temporary = temporaryIn(browser.post("/admin/users/" + alice.user().id() + "/reset-password"));

        assertThat(aliceBrowser.get("/account").location()).contains("/signin");
        assertThat(new TestBrowser(port).signIn(alice.user().email(), TestAccounts.PASSWORD).body())
                .contains("Your email or password is incorrect");
        TestBrowser again = new TestBrowser(port);
        assertThat(again.signIn(alice.user().email(), temporary).location()).endsWith("/signin/update-password");
        again.get("/signin/update-password");
        assertThat(again.post("/signin/update-password", "password", OWN, "confirmation", OWN).location())
                .as("then the second factor, as at any sign-in").contains("/signin/verify");
    }

    @Test
    void anAccountIsCreatedOnlyWithAFreeNameInOneOfTheOrganisationsDomains() {
        User taken = accounts.newUser(contoso, "frank", Role.USER);
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/users/new");
        assertThat(browser.post("/admin/users", "name", "Frank", "localPart", "frank", "domain", accounts.domain(contoso))
                .body()).contains("already taken");
        assertThat(browser.post("/admin/users", "name", "Grace", "localPart", "grace", "domain", "elsewhere.example")
                .body()).contains("one of your organisation’s domains");
        assertThat(browser.post("/admin/users", "name", "Grace", "localPart", "gr@ce", "domain", accounts.domain(contoso))
                .body()).contains("one of your organisation’s domains");
        assertThat(browser.post("/admin/users", "name", " ", "localPart", "grace", "domain", accounts.domain(contoso))
                .body()).contains("Enter a display name");
        assertThat(users.findByEmail("grace@" + accounts.domain(contoso))).isEmpty();
        assertThat(taken.role()).isEqualTo(Role.USER);

        Page admin2 = browser.post("/admin/users", "name", "Grace", "localPart", "grace", "domain", accounts.domain(contoso),
                "role", "ADMIN");
        assertThat(admin2.h1()).isEqualTo("Temporary password");
        assertThat(users.findByEmail("grace@" + accounts.domain(contoso)).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void theUpdatePageNeedsAProvedTemporaryPasswordFromTheLast10Minutes() {
        assertThat(new TestBrowser(port).get("/signin/update-password").location()).endsWith("/signin");
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/users/new");
        String temporary = temporaryIn(browser.post("/admin/users", "name", "Hal", "localPart", "hal", "domain",
                accounts.domain(contoso)));
        TestBrowser hal = new TestBrowser(port);
        hal.signIn("hal@" + accounts.domain(contoso), temporary);
        clock.advance(Duration.ofMinutes(11));
        assertThat(hal.post("/signin/update-password", "password", OWN, "confirmation", OWN).location()).endsWith("/signin");
    }

    private static String temporaryIn(Page page) {
        Matcher m = TEMPORARY.matcher(page.body());
        assertThat(m.find()).as("the page shows the temporary password").isTrue();
        return m.group(1);
    }
}
