package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.tenant.MethodPolicy;
import io.verrou.tenant.TenantPolicy;
import io.verrou.user.Role;

import org.junit.jupiter.api.Test;

/** The authentication methods policy in the admin console (SPEC S11): saved as set, checked, and applied. */
@VerrouTest
class AdminPolicyTests extends AdminConsoleTest {

    @Test
    void theAdministratorSetsWhatMethodsServeWhatRegistrationAsksAndHowLongSessionsLast() {
        TestBrowser browser = registrations.signedIn(admin);
        Page page = browser.get("/admin/policy");
        assertThat(page.h1()).isEqualTo("Authentication methods policy");
        assertThat(page.body()).contains("Mobile phone (text or call)", "Security questions", "Registration asks for");

        List<String> form = new ArrayList<>(List.of("registrationRequired", "on", "required.authenticator", "on",
                "snoozeDays", "3", "snoozeLimit", "2", "reviewDays", "180", "rememberMfaDays", "7", "idleMinutes", "30", "absoluteHours", "8",
                "smsDailyCap", "250", "voiceDailyCap", "0", "tapMinMinutes", "15", "tapDefaultMinutes", "120",
                "tapMaxMinutes", "1440", "tapOneTime", "on"));
        for (MethodPolicy method : tenants.methodPolicies(contoso.id())) {
            if (!method.method().equals("questions")) {
                form.addAll(List.of("enabled." + method.method(), "on", "signin." + method.method(), "on",
                        "reset." + method.method(), "on"));
            }
        }
        Page saved = browser.post("/admin/policy", form.toArray(String[]::new));
        assertThat(saved.location()).endsWith("/admin/policy?saved");

        TenantPolicy policy = tenants.policy(contoso.id());
        assertThat(policy.requiredMethods()).containsExactly("authenticator");
        assertThat(policy.snoozeDays()).isEqualTo(3);
        assertThat(policy.snoozeLimit()).isEqualTo(2);
        assertThat(policy.reviewDays()).isEqualTo(180);
        assertThat(policy.rememberMfaDays()).isEqualTo(7);
        assertThat(policy.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.sessionAbsoluteTimeout()).isEqualTo(Duration.ofHours(8));
        assertThat(policy.smsDailyCap()).isEqualTo(250);
        assertThat(policy.voiceDailyCap()).isZero();
        assertThat(policy.tapMinLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.tapDefaultLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.tapMaxLifetime()).isEqualTo(Duration.ofDays(1));
        assertThat(policy.tapOneTime()).isTrue();
        assertThat(tenants.methodPolicies(contoso.id())).contains(new MethodPolicy("questions", false, false, false),
                new MethodPolicy("email", true, false, true), new MethodPolicy("mobile_phone", true, true, true));

        TestBrowser next = new TestBrowser(port);
        assertThat(next.follow(next.signIn(admin.user().email(), TestAccounts.PASSWORD)).body())
                .as("the next sign-in offers to remember the browser").contains("Don’t ask again for 7 days");
    }

    @Test
    void aNumberOutOfRangeIsExplainedKeptAndNothingIsSaved() {
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/policy");
        Page refused = browser.post("/admin/policy", "registrationRequired", "on", "required.authenticator", "on",
                "snoozeDays", "99", "snoozeLimit", "0", "reviewDays", "0", "rememberMfaDays", "ten", "idleMinutes", "60", "absoluteHours", "12",
                "smsDailyCap", "1000", "voiceDailyCap", "1000", "tapMinMinutes", "10", "tapDefaultMinutes", "60",
                "tapMaxMinutes", "480");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Enter a whole number from 0 to 14.", "Enter a whole number from 0 to 365.",
                "value=\"99\"", "value=\"ten\"");
        assertThat(tenants.policy(contoso.id()).snoozeDays()).isZero();
        assertThat(tenants.methodPolicies(contoso.id())).allMatch(MethodPolicy::enabled);
    }

    @Test
    void aPassesDefaultLifetimeMustLieBetweenTheShortestAndTheLongest() {
        TestBrowser browser = registrations.signedIn(admin);
        browser.get("/admin/policy");
        Page refused = browser.post("/admin/policy", "registrationRequired", "on", "required.authenticator", "on",
                "snoozeDays", "0", "snoozeLimit", "0", "reviewDays", "0", "rememberMfaDays", "0", "idleMinutes", "60",
                "absoluteHours", "12", "smsDailyCap", "1000", "voiceDailyCap", "1000", "tapMinMinutes", "60",
                "tapDefaultMinutes", "30", "tapMaxMinutes", "480");
        assertThat(refused.body()).contains("The default lifetime must lie between the shortest and the longest.");
        assertThat(tenants.policy(contoso.id()).tapMinLifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void onlyAnAdministratorSetsThePolicy() {
        Registered alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        TestBrowser person = registrations.signedIn(alice);
        Page page = person.get("/admin/policy");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.h1()).as("refused for the role, not a token").isEqualTo("Access denied");
        Page posted = person.post("/admin/policy", "rememberMfaDays", "365");
        assertThat(posted.status()).isEqualTo(403);
        assertThat(posted.h1()).as("refused for the role, with a valid token").isEqualTo("Access denied");
        assertThat(tenants.policy(contoso.id()).rememberMfaDays()).isZero();
    }
}
