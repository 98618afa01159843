package io.verrou.securityinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
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
import io.verrou.audit.AuditEventType;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Security info and Recent activity, as a signed-in person manages them (SPEC S6). */
@VerrouTest
class SecurityInfoTests {

    private static final String PAGE = "/account/security-info";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    AuthMethods methods;
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
    void theDefaultCanBeChangedToTextMessageAndTheNextSignInTextsTheCode() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        assertThat(browser.get(PAGE).body()).contains("Default sign-in method:").contains("Authenticator app – code");

        Page options = browser.get(PAGE + "/default");
        browser.post(PAGE + "/default", "option", value(options, "option", phoneId(alice) + ":sms"));

        assertThat(browser.get(PAGE).body()).contains("Phone – text " + masked(alice));
        browser.post("/signout");
        TestBrowser next = new TestBrowser(port);
        next.follow(next.signIn(alice.user().email(), TestAccounts.PASSWORD));
        assertThat(next.get("/signin/verify").body()).contains("We texted a code to " + masked(alice));
    }

    @Test
    void deletingTheDefaultAsksFirstThenMovesTheDefaultToTheStrongestRemainingMethod() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        browser.post(PAGE + "/default", "option", phoneId(alice) + ":sms");

        Page confirm = browser.get(PAGE + "/methods/" + phoneId(alice) + "/delete");
        assertThat(confirm.h1()).isEqualTo("Delete method");
        assertThat(confirm.body()).contains("Delete Phone " + masked(alice) + "?").contains("your default sign-in method");
        assertThat(methods.of(alice.user().id())).hasSize(2);
        Page after = browser.follow(browser.post(PAGE + "/methods/" + phoneId(alice) + "/delete"));

        assertThat(methods.of(alice.user().id())).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MethodKind.of("totp"));
            assertThat(m.isDefault()).isTrue();
        });
        assertThat(after.body()).contains("The method was deleted.").contains("Authenticator app – code");
    }

    @Test
    void addingAMethodGoesThroughTheWizardScreensAndComesBack() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        browser.post(PAGE + "/methods/" + phoneId(alice) + "/delete");

        Page picker = browser.get(PAGE + "/add");
        assertThat(picker.body()).contains("Phone");
        Page phone = browser.follow(browser.post(PAGE + "/add", "step", "PHONE"));
        assertThat(phone.body()).contains("Phone number").contains("Country or region");
        String number = TestRegistrations.uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "sms");
        Page back = browser.post("/register/phone/verify", "code", new Outbox(port).latest(number, "sms").code());

        assertThat(back.location()).endsWith(PAGE + "?added");
        assertThat(methods.of(alice.user().id())).extracting(AuthMethod::kind).containsExactly(MethodKind.of("totp"), MethodKind.of("mobile_phone"));
    }

    @Test
    void thePickerOffersOnlyWhatThePolicyAllowsUnderItsLimits() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);

        Page picker = browser.get(PAGE + "/add");

        assertThat(picker.body()).contains("value=\"APP\"").doesNotContain("value=\"PHONE\"");
        assertThat(browser.post(PAGE + "/add", "step", "PHONE").location()).endsWith(PAGE + "/add");
    }

    @Test
    void changingThePhoneVerifiesTheNewNumberAndReplacesTheOld() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        UUID old = phoneId(alice);

        browser.follow(browser.post(PAGE + "/methods/" + old + "/change"));
        String number = TestRegistrations.uniqueMobile();
        browser.post("/register/phone", "region", "FR", "number", number, "channel", "sms");
        int emailsBefore = new Outbox(port).emails(alice.user().email()).size();
        browser.post("/register/phone/verify", "code", new Outbox(port).latest(number, "sms").code());

        assertThat(methods.of(alice.user().id())).filteredOn(m -> m.kind() == MethodKind.of("mobile_phone"))
                .singleElement().satisfies(m -> {
                    assertThat(m.detail()).contains(number);
                    assertThat(m.id()).as("the same method, pointing at the new number").isEqualTo(old);
                });
        List<Outbox.Email> notices = new Outbox(port).emails(alice.user().email());
        assertThat(notices).as("one notice for one change").hasSize(emailsBefore + 1);
        assertThat(notices.get(0).body()).contains("A method in your security info was changed");
    }

    @Test
    void anotherPersonsMethodCannotBeDeleted() {
        Registered alice = registered();
        Registered bob = registered();
        TestBrowser browser = registrations.signedIn(alice);

        browser.post(PAGE + "/methods/" + phoneId(bob) + "/delete");

        assertThat(methods.of(bob.user().id())).hasSize(2);
    }

    @Test
    void signOutEverywhereEndsEverySessionAndForgetsRememberedBrowsers() {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRememberMfaDays(tenant.id(), 14);
        Registered alice = registrations.register(accounts.newUser(tenant, "alice", Role.USER));
        TestBrowser laptop = new TestBrowser(port);
        laptop.follow(laptop.signIn(alice.user().email(), TestAccounts.PASSWORD));
        laptop.post("/signin/verify", "code", alice.code(clock), "remember", "true");
        assertThat(laptop.get("/account").status()).isEqualTo(200);
        clock.advance(java.time.Duration.ofSeconds(30));
        TestBrowser phone = registrations.signedIn(alice);

        Page out = phone.post(PAGE + "/signout-everywhere");

        assertThat(out.location()).endsWith("/signin?everywhere");
        assertThat(laptop.get("/account").location()).endsWith("/signin");
        assertThat(laptop.signIn(alice.user().email(), TestAccounts.PASSWORD).location()).endsWith("/signin/verify");
        assertThat(audit.forUser(alice.user().id(), 50)).anySatisfy(e ->
                assertThat(e.event().type()).isEqualTo(AuditEventType.SIGNED_OUT_EVERYWHERE));
    }

    @Test
    void recentActivityListsSignInsAndChangesAndTakesAReport() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);

        Page activity = browser.get("/account/activity");

        assertThat(activity.h1()).isEqualTo("Recent activity");
        assertThat(activity.body()).contains("Signed in").contains("Sign-in method added").contains("VerrouTestBrowser/1.0");
        Matcher report = Pattern.compile("action=\"(/account/activity/\\d+/report)\"").matcher(activity.body());
        assertThat(report.find()).isTrue();
        Page reported = browser.post(report.group(1));
        assertThat(reported.h1()).isEqualTo("Thanks for telling us");
        assertThat(reported.body()).contains("Sign out everywhere");
        assertThat(audit.forUser(alice.user().id(), 50)).anySatisfy(e ->
                assertThat(e.event().type()).isEqualTo(AuditEventType.ACTIVITY_REPORTED));
    }

    @Test
    void everyChangeSendsOneSecurityInfoChangedEmailToTheSignInAddress() {
        Registered alice = registered();
        int before = changeEmails(alice).size();
        TestBrowser browser = registrations.signedIn(alice);

        browser.post(PAGE + "/default", "option", phoneId(alice) + ":sms");
        browser.post(PAGE + "/methods/" + phoneId(alice) + "/delete");

        java.util.List<io.verrou.Outbox.Email> emails = changeEmails(alice);
        assertThat(emails).hasSize(before + 2);
        assertThat(emails.get(0).body()).contains("Phone").contains("VerrouTestBrowser/1.0")
                .contains("Sign out everywhere");
    }

    // ---- helpers ----

    /** The "Your security info was changed" emails sent to the person's sign-in address, newest first. */
    private java.util.List<io.verrou.Outbox.Email> changeEmails(Registered person) {
        return new Outbox(port).emails(person.user().email()).stream()
                .filter(e -> e.subject().contains("security info was changed")).toList();
    }


    private Registered registered() {
        return registrations.register(accounts.newUser(accounts.newTenantWithDefaultPolicy(), "alice", Role.USER));
    }


    private UUID phoneId(Registered person) {
        return methods.of(person.user().id()).stream().filter(m -> m.kind() == MethodKind.of("mobile_phone"))
                .findFirst().orElseThrow().id();
    }

    private static String masked(Registered person) {
        return "+33 6•• •• •• " + person.phone().substring(person.phone().length() - 2);
    }

    private static String value(Page page, String name, String expected) {
        assertThat(page.body()).contains("name=\"" + name + "\" value=\"" + expected + "\"");
        return expected;
    }
}
