package io.verrou.method.email;

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
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The email method (SPEC S4.4): an address outside the organisation, proved by a code. */
@VerrouTest
class EmailMethodTests {

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

    TestRegistrations registrations;

    @BeforeEach
    void setUp() {
        registrations = new TestRegistrations(port, clock);
    }

    @Test
    void anAddressProvedByItsCodeIsAddedFromSecurityInfo() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        String address = "alice." + System.nanoTime() + "@example.org";

        Page form = browser.follow(browser.post("/account/security-info/add", "step", "EMAIL"));
        assertThat(form.body()).contains("Email address");
        Page sent = browser.follow(browser.post("/register/email", "address", address));
        assertThat(sent.body()).contains("We just sent a 6-digit code to a•••@example.org");
        Outbox.Email email = new Outbox(port).latestEmail(address);
        assertThat(email.code()).matches("\\d{6}");
        Page back = browser.post("/register/email/verify", "code", email.code());

        assertThat(back.location()).endsWith("/account/security-info?added");
        assertThat(methods.of(alice.user().id())).filteredOn(m -> m.kind() == MethodKind.of("email"))
                .singleElement().satisfies(m -> assertThat(m.detail()).contains(address));
        assertThat(browser.get("/account/security-info").body()).contains("Email").contains("a•••@example.org");
    }

    @Test
    void anAddressOfTheOrganisationsOwnDomainsIsRefused() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        String domain = tenants.domains(alice.user().tenantId()).get(0);
        browser.follow(browser.post("/account/security-info/add", "step", "EMAIL"));

        Page refused = browser.post("/register/email", "address", "someone@" + domain);

        assertThat(refused.error()).startsWith("Use an address outside your organisation");
        assertThat(refused.body()).contains("value=\"someone@" + domain + "\"");
        assertThat(browser.post("/register/email", "address", "x@sub." + domain).error())
                .startsWith("Use an address outside your organisation");
        assertThat(browser.post("/register/email", "address", "not an address").error())
                .isEqualTo("Enter a valid email address, like name@example.com.");
    }

    @Test
    void anEmailCodeExpiresAfterFiveMinutes() {
        Registered alice = registered();
        TestBrowser browser = registrations.signedIn(alice);
        String address = "late." + System.nanoTime() + "@example.org";
        browser.follow(browser.post("/account/security-info/add", "step", "EMAIL"));
        browser.post("/register/email", "address", address);
        String code = new Outbox(port).latestEmail(address).code();

        clock.advance(Duration.ofMinutes(5));

        assertThat(browser.post("/register/email/verify", "code", code).error()).startsWith("That code has expired.");
        assertThat(methods.of(alice.user().id())).extracting(AuthMethod::kind).doesNotContain(MethodKind.of("email"));
    }

    private Registered registered() {
        return registrations.register(accounts.newUser(accounts.newTenantWithDefaultPolicy(), "alice", Role.USER));
    }

}
