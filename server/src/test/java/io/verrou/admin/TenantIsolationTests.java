package io.verrou.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.Page;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.tap.TemporaryAccessPasses;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator acts on their own organisation's people only (SPEC S11): every action of the console, and the
 * API's deletes, aimed at someone of another organisation answer 404 and change nothing of theirs.
 */
class TenantIsolationTests extends AdminConsoleTest {

    @Autowired
    JdbcUserRepository users;
    @Autowired
    AuthMethods methods;
    @Autowired
    TemporaryAccessPasses passes;

    @Test
    void theConsolesActionsOnSomeoneOfAnotherOrganisationAnswerNotFoundAndChangeNothing() {
        Registered stranger = registrations.register(accounts.newUser(accounts.newTenantWithDefaultPolicy(), "eve",
                io.verrou.user.Role.USER));
        User before = users.findById(stranger.user().id()).orElseThrow();
        List<AuthMethod> methodsBefore = methods.of(before.id());
        TestBrowser console = registrations.signedIn(admin);
        console.get("/admin/users");

        for (String action : List.of("reset-password", "disable", "enable", "unblock-mfa", "signout-everywhere",
                "require-registration", "clear-lockout", "tap", "tap/revoke")) {
            Page answer = action.equals("tap")
                    ? console.post("/admin/users/" + before.id() + "/tap", "minutes", "60")
                    : console.post("/admin/users/" + before.id() + "/" + action);
            assertThat(answer.status()).as(action).isEqualTo(404);
        }
        assertThat(console.get("/admin/users/" + before.id()).status()).isEqualTo(404);

        User after = users.findById(before.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
        assertThat(methods.of(before.id())).isEqualTo(methodsBefore);
        assertThat(passes.active(before.id())).isEmpty();
        assertThat(users.temporaryPasswordExpiry(before.id())).isEmpty();
        assertThat(registrations.signedIn(stranger).get("/account").status()).as("their sessions still work").isEqualTo(200);
    }

    @Test
    void theApisDeleteOfAnotherOrganisationsMethodAnswersNotFoundAndDeletesNothing() throws Exception {
        Registered stranger = registrations.register(accounts.newUser(accounts.newTenantWithDefaultPolicy(), "eve",
                io.verrou.user.Role.USER));
        AuthMethod phone = methods.of(stranger.user().id()).get(0);
        TestBrowser console = registrations.signedIn(admin);
        console.get("/admin/api-tokens");
        Matcher m = Pattern.compile("id=\"api-token\">(vrt_[A-Za-z0-9_-]{43})<").matcher(console.post("/admin/api-tokens",
                "name", "Isolation", "days", "30", "scope", "methods.delete", "scope", "methods.read").body());
        assertThat(m.find()).isTrue();

        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/users/" + stranger.user().id() + "/authentication/methods/" + phone.id()))
                .header("Authorization", "Bearer " + m.group(1)).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(methods.of(stranger.user().id())).extracting(AuthMethod::id).contains(phone.id());
    }
}
