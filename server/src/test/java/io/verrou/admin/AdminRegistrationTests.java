package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.user.Role;
import io.verrou.user.User;
import io.verrou.user.UserAccounts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The registration report (SPEC S11): who can prove a second factor, who can reset, as a page and as CSV. */
@VerrouTest
class AdminRegistrationTests extends AdminConsoleTest {

    @Autowired
    UserAccounts userAccounts;
    @Autowired
    AuthMethods methods;

    String domain;
    Registered alice;
    User bob;
    User carol;

    @BeforeEach
    void contoso() {
        domain = accounts.domain(contoso);
        alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        bob = accounts.newUser(contoso, "bob", Role.USER);
        carol = userAccounts.create(contoso, "carol@" + domain, "=HYPERLINK(\"http://evil.example\")", Role.USER,
                TestAccounts.PASSWORD);
        methods.add(carol, UUID.randomUUID(), MethodKind.of("email"), "Email", Optional.of("carol@fabrikam.example"),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), ClientInfo.system());
    }

    @Test
    void theReportSaysWhoCanProveASecondFactorAndWhoCanReset() {
        TestBrowser browser = registrations.signedIn(admin);
        Page all = browser.get("/admin/registration");
        assertThat(all.h1()).isEqualTo("Registration report");
        assertThat(row(all, alice.user().email())).contains("<span>Authenticator app, </span><span>Phone</span>", "<td>Yes</td><td>Yes</td>");
        assertThat(row(all, bob.email())).contains("<td>No</td><td>No</td>");
        assertThat(row(all, carol.email())).contains("Email", "<td>No</td><td>Yes</td>");

        Page notMfa = browser.get("/admin/registration?show=not-mfa-capable");
        assertThat(notMfa.body()).contains(bob.email(), carol.email()).doesNotContain(alice.user().email());
        Page notReset = browser.get("/admin/registration?show=not-reset-capable");
        assertThat(notReset.body()).contains(bob.email()).doesNotContain(alice.user().email(), carol.email());
    }

    @Test
    void theCsvHasTheSameLinesAndNoCellASpreadsheetWouldRun() {
        TestBrowser browser = registrations.signedIn(admin);
        Page csv = browser.get("/admin/registration.csv?show=all");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).get().asString().contains("attachment", "registration-report.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Name,Email,Role,State,Methods,Default method,MFA capable,Reset capable,Last registered");
        assertThat(lines).anyMatch(l -> l.startsWith("Alice Tester," + alice.user().email() + ",User,Enabled,\"Authenticator app, Phone\",")
                && l.contains(",Yes,Yes,"));
        assertThat(lines).anyMatch(l -> l.startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\"," + carol.email()));
        assertThat(browser.language("fr").get("/admin/registration.csv").body()).startsWith("Nom,");
    }

    @Test
    void onlyAnAdministratorGetsTheReport() {
        Page refused = registrations.signedIn(alice).get("/admin/registration.csv");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for the role").isEqualTo("Access denied");
    }

    private static String row(Page page, String email) {
        String body = page.body().replaceAll(">\\s+<", "><");
        int at = body.indexOf(email);
        assertThat(at).as(email + " is listed").isPositive();
        return body.substring(body.lastIndexOf("<tr>", at), body.indexOf("</tr>", at));
    }
}
