package io.verrou.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.VerrouTest;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin REST API (SPEC S11): a bearer token made in the console, its organisation's people and methods only,
 * no session, and a clear 401 without a valid token.
 */
@VerrouTest
class AdminApiTests {

    private static final Pattern SECRET = Pattern.compile("id=\"api-token\">(vrt_[A-Za-z0-9_-]{43})<");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthMethods methods;
    @Autowired
    MutableClock clock;

    final HttpClient http = HttpClient.newHttpClient();
    TestRegistrations registrations;
    Tenant contoso;
    Registered admin;
    Registered alice;
    TestBrowser console;

    @BeforeEach
    void contoso() {
        registrations = new TestRegistrations(port, clock);
        contoso = accounts.newTenantNamed("Contoso");
        admin = registrations.register(accounts.newUser(contoso, "root", Role.ADMIN));
        alice = registrations.register(accounts.newUser(contoso, "alice", Role.USER));
        console = registrations.signedIn(admin);
    }

    @Test
    void aTokenFromTheConsoleListsItsOrganisationsPeopleOnly() throws Exception {
        User stranger = accounts.newUser();
        String token = newToken("HR sync");

        HttpResponse<String> users = call("GET", "/api/v1/users", token);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
        JsonNode value = JSON.readTree(users.body()).get("value");
        assertThat(value.findValuesAsString("userPrincipalName"))
                .contains(alice.user().email(), admin.user().email()).doesNotContain(stranger.email());
        assertThat(call("GET", "/api/v1/users/" + alice.user().id(), token).body())
                .contains("\"displayName\":\"Alice Tester\"", "\"accountEnabled\":true", "\"role\":\"user\"");
        assertThat(call("GET", "/api/v1/users/" + stranger.id(), token).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/users/not-an-id", token).statusCode()).isEqualTo(404);
        assertThat(console.get("/admin/api-tokens").body()).contains("HR sync").doesNotContain("Never");
    }

    @Test
    void methodsAreListedAndDeletedInGraphsShape() throws Exception {
        String token = newToken("Helpdesk");
        JsonNode listed = JSON.readTree(call("GET", "/api/v1/users/" + alice.user().id() + "/authentication/methods", token).body());
        assertThat(listed.get("value").findValuesAsString("@odata.type"))
                .containsExactlyInAnyOrder("#verrou.softwareOathAuthenticationMethod", "#verrou.phoneAuthenticationMethod");
        String phoneId = methods.of(alice.user().id()).stream().filter(m -> m.kind() == MethodKind.of("mobile_phone"))
                .findFirst().orElseThrow().id().toString();
        assertThat(listed.toString()).contains("\"phoneNumber\":\"" + alice.phone() + "\"", "\"phoneType\":\"mobile\"");

        assertThat(call("DELETE", "/api/v1/users/" + alice.user().id() + "/authentication/methods/" + phoneId, token)
                .statusCode()).isEqualTo(204);
        assertThat(methods.of(alice.user().id())).extracting(m -> m.kind()).containsExactly(MethodKind.of("totp"));
        assertThat(call("DELETE", "/api/v1/users/" + alice.user().id() + "/authentication/methods/" + phoneId, token)
                .statusCode()).isEqualTo(404);
        assertThat(console.get("/admin/audit?type=ADMIN_ACTION").body()).contains("api:Helpdesk", "api_method_deleted");

        JsonNode details = JSON.readTree(call("GET", "/api/v1/reports/authenticationMethods/userRegistrationDetails", token)
                .body()).get("value");
        JsonNode aliceDetails = null;
        for (JsonNode row : details) {
            if (row.get("userPrincipalName").asString().equals(alice.user().email())) {
                aliceDetails = row;
            }
        }
        assertThat(aliceDetails).isNotNull();
        assertThat(aliceDetails.get("isMfaCapable").asBoolean()).isTrue();
        assertThat(aliceDetails.get("methodsRegistered").toString()).isEqualTo("[\"totp\"]");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401AndARevokedTokenStopsWorking() throws Exception {
        HttpResponse<String> none = call("GET", "/api/v1/users", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(none.body()).contains("\"code\":\"unauthenticated\"");
        assertThat(call("GET", "/api/v1/users", "vrt_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(console.get("/api/v1/users").status()).as("a signed-in browser is not a token").isEqualTo(401);

        String token = newToken("Old script");
        assertThat(call("GET", "/api/v1/users", token).statusCode()).isEqualTo(200);
        Page list = console.get("/admin/api-tokens");
        Matcher revoke = Pattern.compile("action=\"(/admin/api-tokens/[0-9a-f-]+/revoke)\"").matcher(list.body());
        assertThat(revoke.find()).isTrue();
        console.post(revoke.group(1));
        assertThat(call("GET", "/api/v1/users", token).statusCode()).isEqualTo(401);
        assertThat(console.get("/admin/api-tokens").body()).contains("Revoked");
    }

    @Test
    void onlyAnAdministratorMakesTokens() {
        TestBrowser person = registrations.signedIn(alice);
        Page refused = person.get("/admin/api-tokens");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for the role").isEqualTo("Access denied");
    }

    private String newToken(String name) {
        return newToken(name, "90", "users.read", "methods.read", "methods.delete", "passes.manage");
    }

    private String newToken(String name, String days, String... scopes) {
        console.get("/admin/api-tokens");
        java.util.List<String> form = new java.util.ArrayList<>(java.util.List.of("name", name, "days", days));
        for (String scope : scopes) {
            form.add("scope");
            form.add(scope);
        }
        Page created = console.post("/admin/api-tokens", form.toArray(String[]::new));
        Matcher m = SECRET.matcher(created.body());
        assertThat(m.find()).as("the token is shown once").isTrue();
        assertThat(console.get("/admin/api-tokens").body()).doesNotContain(m.group(1));
        return m.group(1);
    }

    @Test
    void aTokenDoesOnlyWhatItsScopesAllow() throws Exception {
        String reader = newToken("Report reader", "30", "users.read");
        String phoneId = methods.of(alice.user().id()).stream().filter(m -> m.kind() == MethodKind.of("mobile_phone"))
                .findFirst().orElseThrow().id().toString();

        assertThat(call("GET", "/api/v1/users", reader).statusCode()).isEqualTo(200);
        HttpResponse<String> methodsRead = call("GET", "/api/v1/users/" + alice.user().id() + "/authentication/methods", reader);
        assertThat(methodsRead.statusCode()).as("methods.read is not granted").isEqualTo(403);
        assertThat(methodsRead.body()).contains("\"code\":\"forbidden\"");
        assertThat(call("DELETE", "/api/v1/users/" + alice.user().id() + "/authentication/methods/" + phoneId, reader)
                .statusCode()).as("methods.delete is not granted").isEqualTo(403);
        assertThat(methods.of(alice.user().id())).as("nothing deleted").anyMatch(m -> m.id().toString().equals(phoneId));
        assertThat(console.get("/admin/api-tokens").body()).contains("<code>users.read</code>");
    }

    @Test
    void aTokenExpiresAfterItsDaysAndTheConsoleSaysWhen() throws Exception {
        String token = newToken("Short-lived", "2", "users.read");
        assertThat(call("GET", "/api/v1/users", token).statusCode()).isEqualTo(200);

        clock.advance(java.time.Duration.ofDays(2));

        assertThat(call("GET", "/api/v1/users", token).statusCode()).isEqualTo(401);
        console = registrations.signedIn(admin);
        assertThat(console.get("/admin/api-tokens").body()).contains("Expired");
        console.get("/admin/api-tokens");
        Page tooLong = console.post("/admin/api-tokens", "name", "Forever", "days", "366", "scope", "users.read");
        assertThat(tooLong.body()).contains("Choose a lifetime from 1 to 365 days.");
    }

    @Test
    void aTokenStopsWorkingWhenItsCreatorIsDisabledOrNoLongerAnAdministrator(@Autowired io.verrou.user.JdbcUserRepository users)
            throws Exception {
        String token = newToken("Creator's");
        Registered other = registrations.register(accounts.newUser(contoso, "deputy", Role.ADMIN));
        TestBrowser deputy = registrations.signedIn(other);
        String deputyToken;
        deputy.get("/admin/api-tokens");
        Matcher m = SECRET.matcher(deputy.post("/admin/api-tokens", "name", "Deputy's", "days", "90", "scope", "users.read").body());
        assertThat(m.find()).isTrue();
        deputyToken = m.group(1);

        console.get("/admin/users/" + other.user().id());
        console.post("/admin/users/" + other.user().id() + "/disable");
        assertThat(call("GET", "/api/v1/users", deputyToken).statusCode()).as("creator disabled").isEqualTo(401);
        assertThat(call("GET", "/api/v1/users", token).statusCode()).isEqualTo(200);

        users.updateRole(admin.user().id(), Role.USER);
        assertThat(call("GET", "/api/v1/users", token).statusCode()).as("creator no longer an administrator").isEqualTo(401);
    }

    @Test
    void aTokenIssuesATemporaryAccessPassButNeverToItsCreator() throws Exception {
        String token = newToken("Helpdesk passes", "30", "passes.manage", "users.read");

        HttpResponse<String> issued = call("POST", "/api/v1/users/" + alice.user().id()
                + "/authentication/temporaryAccessPassMethods", token, "{\"lifetimeInMinutes\":60,\"isUsableOnce\":true}");
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode pass = JSON.readTree(issued.body());
        assertThat(pass.get("temporaryAccessPass").asString()).hasSize(12);
        assertThat(pass.get("isUsableOnce").asBoolean()).isTrue();
        assertThat(new io.verrou.Outbox(port).emails(alice.user().email())).anySatisfy(email ->
                assertThat(email.subject()).isEqualTo("A Temporary Access Pass was issued for your account"));

        HttpResponse<String> self = call("POST", "/api/v1/users/" + admin.user().id()
                + "/authentication/temporaryAccessPassMethods", token, "{}");
        assertThat(self.statusCode()).isEqualTo(409);

        assertThat(call("DELETE", "/api/v1/users/" + alice.user().id() + "/authentication/temporaryAccessPassMethods/"
                + alice.user().id(), token).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/users/" + alice.user().id() + "/authentication/methods", token).statusCode())
                .as("methods.read is not granted").isEqualTo(403);
    }

    @Test
    void appsAreRegisteredListedGivenANewSecretAndRemovedWithTheirScopeOnly() throws Exception {
        String token = newToken("Provisioning", "30", "applications.manage");
        String withoutIt = newToken("HR sync");
        assertThat(call("GET", "/api/v1/applications", withoutIt).statusCode()).isEqualTo(403);

        HttpResponse<String> created = call("POST", "/api/v1/applications", token, """
                {"displayName":"Payroll","web":{"redirectUris":["https://payroll.example/callback"]},
                 "postLogoutRedirectUris":["https://payroll.example/"],"requiresMultiFactor":true}""");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode app = JSON.readTree(created.body());
        String id = app.path("id").asString();
        String secret = app.path("passwordCredentials").path(0).path("secretText").asString();
        assertThat(app.path("appId").asString()).isNotEmpty();
        assertThat(secret).hasSizeGreaterThan(40);
        assertThat(app.path("web").path("redirectUris").path(0).asString()).isEqualTo("https://payroll.example/callback");
        assertThat(app.path("requiresMultiFactor").asBoolean()).isTrue();

        String listed = call("GET", "/api/v1/applications", token).body();
        assertThat(listed).contains("\"displayName\":\"Payroll\"").doesNotContain(secret);
        String renewed = JSON.readTree(call("POST", "/api/v1/applications/" + id + "/addPassword", token).body())
                .path("secretText").asString();
        assertThat(renewed).isNotEqualTo(secret).hasSizeGreaterThan(40);

        HttpResponse<String> refused = call("POST", "/api/v1/applications", token, """
                {"displayName":"Bad","web":{"redirectUris":["http://payroll.example/callback"]}}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("redirect URIs");

        assertThat(call("DELETE", "/api/v1/applications/" + id, token).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/applications/" + id, token).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        return call(method, path, token, null);
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
