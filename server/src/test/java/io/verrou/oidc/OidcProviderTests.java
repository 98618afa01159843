package io.verrou.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestRegistrations.Registered;
import io.verrou.TestRegistrations;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.oidc.AppRegistrations.Form;
import io.verrou.oidc.AppRegistrations.Result;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import tools.jackson.databind.JsonNode;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Apps sign people in through their organisation's issuer (SPEC S12), as a relying party sees it over HTTP:
 * discovery, the code flow with PKCE through our own sign-in pages, the ID token's claims checked against the
 * published keys, the parameters that shape the sign-in, refresh rotation, revocation, introspection and logout.
 */
@VerrouTest
class OidcProviderTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    AppRegistrations registrations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    JdbcAppAuthorizations authorizations;

    Tenant tenant;
    User admin;
    String issuer;

    @BeforeEach
    void organisation() {
        tenant = accounts.newTenantWithDefaultPolicy();
        admin = accounts.newUser(tenant, "admin", Role.ADMIN);
        issuer = "http://localhost:" + port + "/t/" + accounts.domain(tenant);
    }

    private TestApp app(boolean publicClient, boolean requiresMfa) {
        return app(publicClient, requiresMfa, "");
    }

    private TestApp app(boolean publicClient, boolean requiresMfa, String backchannelLogoutUri) {
        Result result = registrations.register(admin, new Form("Payroll", publicClient, TestApp.REDIRECT,
                "https://app.example/bye", requiresMfa, backchannelLogoutUri), new ClientInfo("203.0.113.9", "Firefox"));
        Result.Registered registered = (Result.Registered) result;
        return new TestApp(issuer, registered.app().clientId(), registered.secret());
    }

    private Registered person() {
        return new TestRegistrations(port, clock).register(accounts.newUser(tenant, "alice", Role.USER));
    }

    /** Signs in with the password and the app's code where asked; returns where the browser is sent back to. */
    private Map<String, String> signIn(TestBrowser browser, TestApp app, Registered person, String... extra) {
        Page asked = browser.get(app.authorize(extra));
        assertThat(asked.location()).as("the request goes to our sign-in").endsWith("/signin");
        browser.get("/signin");
        browser.post("/signin", "email", person.user().email());
        browser.get("/signin/password");
        Page next = browser.post("/signin/password", "password", TestAccounts.PASSWORD);
        if (next.location().endsWith("/signin/verify")) {
            browser.get("/signin/verify");
            next = browser.post("/signin/verify", "code", person.code(clock));
            clock.advance(java.time.Duration.ofSeconds(30));
        }
        return backToApp(browser, next);
    }

    private static Map<String, String> backToApp(TestBrowser browser, Page page) {
        Page current = page;
        for (int hops = 0; hops < 10 && !current.location().startsWith(TestApp.REDIRECT); hops++) {
            current = browser.get(current.location());
            assertThat(current.isRedirect()).as("on the way back to the app, at " + current.h1()).isTrue();
        }
        assertThat(current.location()).startsWith(TestApp.REDIRECT);
        return TestApp.answer(current.location());
    }

    private Jwt verified(String idToken) {
        String jwks = TestApp.getPublic(issuer + "/.well-known/openid-configuration").json().path("jwks_uri").asString();
        return NimbusJwtDecoder.withJwkSetUri(jwks).build().decode(idToken);
    }

    @Test
    void eachOrganisationHasItsOwnIssuerAndDiscoveryDocument() {
        JsonNode discovery = TestApp.getPublic(issuer + "/.well-known/openid-configuration").json();
        assertThat(discovery.path("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.path("authorization_endpoint").asString()).startsWith(issuer + "/");
        assertThat(discovery.path("token_endpoint").asString()).startsWith(issuer + "/");
        assertThat(discovery.path("end_session_endpoint").asString()).startsWith(issuer + "/");
        assertThat(discovery.path("acr_values_supported").toString()).contains("urn:verrou:acr:mfa", "urn:verrou:acr:pwd");
        assertThat(discovery.path("id_token_signing_alg_values_supported").toString()).contains("RS256");

        Tenant other = accounts.newTenantWithDefaultPolicy();
        String otherIssuer = "http://localhost:" + port + "/t/" + accounts.domain(other);
        assertThat(TestApp.getPublic(otherIssuer + "/.well-known/openid-configuration").json().path("issuer").asString())
                .isEqualTo(otherIssuer);
        assertThat(TestApp.getPublic("http://localhost:" + port + "/t/nobody.example/.well-known/openid-configuration").status())
                .isEqualTo(404);
        JsonNode keys = TestApp.getPublic(discovery.path("jwks_uri").asString()).json().path("keys");
        assertThat(keys.toString()).contains("\"RS256\"", "\"ES256\"").doesNotContain("\"d\"");
    }

    @Test
    void behindAProxyTheIssuerIsThePublicUrls() throws Exception {
        Issuers behindProxy = new Issuers(tenants, "https://id.contoso.com/");
        assertThat(behindProxy.issuer(tenant.id(), "http://10.0.0.5:8080")).contains("https://id.contoso.com/t/" + accounts.domain(tenant));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/t/" + accounts.domain(tenant) + "/.well-known/openid-configuration");
        request.setServerName("10.0.0.5");
        request.setServerPort(8080);
        MockFilterChain chain = new MockFilterChain();
        new IssuerFilter(behindProxy).doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(((HttpServletRequest) chain.getRequest()).getRequestURL().toString())
                .isEqualTo("https://id.contoso.com/t/" + accounts.domain(tenant) + "/.well-known/openid-configuration");
        MockHttpServletResponse unknown = new MockHttpServletResponse();
        new IssuerFilter(behindProxy).doFilter(new MockHttpServletRequest("GET", "/t/nobody.example/oauth2/jwks"), unknown,
                new MockFilterChain());
        assertThat(unknown.getStatus()).isEqualTo(404);
    }

    @Test
    void aSignInThroughOurPagesGivesAnIdTokenThatSaysMfaAndOtp() {
        Registered alice = person();
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        Map<String, String> answer = signIn(browser, app, alice);
        assertThat(answer).containsEntry("state", app.state).containsKey("code");

        JsonNode tokens = app.exchange(answer.get("code"));
        assertThat(tokens.path("refresh_token").asString()).as("a public client gets a refresh token").isNotEmpty();
        assertThat(tokens.path("expires_in").asInt()).isBetween(598, 600);
        Jwt id = verified(tokens.path("id_token").asString());
        assertThat(id.getIssuer().toString()).isEqualTo(issuer);
        assertThat(id.getSubject()).isEqualTo(alice.user().id().toString());
        assertThat(id.getAudience()).containsExactly(app.clientId);
        assertThat(id.getClaimAsStringList("amr")).contains("pwd", "otp", "mfa");
        assertThat(id.getClaimAsString("acr")).isEqualTo("urn:verrou:acr:mfa");
        assertThat(id.getClaimAsString("email")).isEqualTo(alice.user().email());
        assertThat(id.getClaimAsString("name")).isEqualTo(alice.user().displayName());
        assertThat(id.getClaimAsString("nonce")).isEqualTo(app.nonce);
        assertThat(id.getClaimAsString("sid")).isNotEmpty();
        assertThat(id.getClaims()).containsKey("auth_time");

        JsonNode userinfo = app.get(issuer + "/userinfo", tokens.path("access_token").asString()).json();
        assertThat(userinfo.path("sub").asString()).isEqualTo(alice.user().id().toString());
        assertThat(userinfo.path("email").asString()).isEqualTo(alice.user().email());

        // Signed in already: the next request of the app is answered at once, without a page.
        Page again = browser.get(new TestApp(issuer, app.clientId, Optional.empty()).authorize());
        assertThat(again.location()).startsWith(TestApp.REDIRECT).contains("code=");
    }

    @Test
    void aPublicClientWithoutPkceIsSentBackWithInvalidRequest() {
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        String withoutPkce = app.authorize().replaceAll("&code_challenge(_method)?=[^&]*", "");
        Map<String, String> answer = TestApp.answer(browser.get(withoutPkce).location());
        assertThat(answer).containsEntry("error", "invalid_request").containsEntry("state", app.state);
    }

    @Test
    void anUnknownAppOrAnUnregisteredReturnAddressShowsOurPageAndNeverRedirects() {
        TestApp app = app(false, false);
        TestBrowser browser = new TestBrowser(port).language("fr");
        Page unknown = browser.get(app.authorize("client_id", "nobody"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.h1()).isEqualTo("Ce lien de connexion n’est pas correct");
        Page elsewhere = browser.get(app.authorize("redirect_uri", "https://attacker.example/cb"));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).doesNotContain("attacker.example");
        // An app of one organisation means nothing at another's issuer.
        Tenant other = accounts.newTenantWithDefaultPolicy();
        Page crossed = browser.get(new TestApp("http://localhost:" + port + "/t/" + accounts.domain(other),
                app.clientId, Optional.empty()).authorize());
        assertThat(crossed.status()).isEqualTo(400);
    }

    @Test
    void promptNoneAnswersLoginRequiredWithoutAPageThenACodeOnceSignedIn() {
        Registered alice = person();
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        Map<String, String> none = TestApp.answer(browser.get(app.authorize("prompt", "none")).location());
        assertThat(none).containsEntry("error", "login_required").containsEntry("state", app.state);

        signIn(browser, app, alice);
        Map<String, String> silent = TestApp.answer(browser.get(app.authorize("prompt", "none")).location());
        assertThat(silent).containsKey("code").doesNotContainKey("error");
    }

    @Test
    void promptLoginAndMaxAgeAskForThePasswordAgain() {
        Registered alice = person();
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        signIn(browser, app, alice);
        Page fresh = browser.get(app.authorize("prompt", "login"));
        assertThat(fresh.location()).endsWith("/signin");
        Map<String, String> answer = signIn(browser, app, alice, "prompt", "login");
        assertThat(answer).containsKey("code");

        clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(browser.get(app.authorize("max_age", "3600")).location()).startsWith(TestApp.REDIRECT);
        assertThat(browser.get(app.authorize("max_age", "300")).location()).endsWith("/signin");
    }

    @Test
    void loginHintFillsTheNameAndUiLocalesGivesFrench() {
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        Page asked = browser.get(app.authorize("login_hint", "carol@" + accounts.domain(tenant), "ui_locales", "fr-CA en"));
        Page signInPage = browser.get(asked.location());
        assertThat(signInPage.body()).contains("value=\"carol@" + accounts.domain(tenant) + "\"");
        assertThat(signInPage.body()).contains("lang=\"fr\"");
    }

    @Test
    void anAppThatAsksForMfaStepsUpAPasswordOnlySession() {
        jdbc.sql("UPDATE tenant_policy SET mfa_required = FALSE WHERE tenant_id = :id").param("id", tenant.id()).update();
        Registered alice = person();
        TestApp plain = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        Map<String, String> first = signIn(browser, plain, alice);
        Jwt passwordOnly = verified(plain.exchange(first.get("code")).path("id_token").asString());
        assertThat(passwordOnly.getClaimAsString("acr")).isEqualTo("urn:verrou:acr:pwd");
        assertThat(passwordOnly.getClaimAsStringList("amr")).containsExactly("pwd");

        // acr_values: the same session is sent to the second-factor step, then back with a code.
        TestApp asking = new TestApp(issuer, plain.clientId, Optional.empty());
        Page stepUp = browser.get(asking.authorize("acr_values", "urn:verrou:acr:mfa"));
        assertThat(stepUp.location()).endsWith("/signin/verify");
        browser.get("/signin/verify");
        Map<String, String> answer = backToApp(browser, browser.post("/signin/verify", "code", alice.code(clock)));
        clock.advance(java.time.Duration.ofSeconds(30));
        Jwt stepped = verified(asking.exchange(answer.get("code")).path("id_token").asString());
        assertThat(stepped.getClaimAsString("acr")).isEqualTo("urn:verrou:acr:mfa");
        assertThat(stepped.getClaimAsStringList("amr")).contains("pwd", "otp", "mfa");

        // An app registered as requiring it: prompt=none can't step up, it says so.
        TestApp strict = app(true, true);
        TestBrowser other = new TestBrowser(port);
        signInPasswordOnly(other, plain, alice);
        // An essential acr claim asks the same as acr_values.
        String essential = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:verrou:acr:mfa\"]}}}";
        assertThat(other.get(plain.authorize() + "&claims=" + URLEncoder.encode(essential, StandardCharsets.UTF_8)).location())
                .endsWith("/signin/verify");
        Map<String, String> refused = TestApp.answer(other.get(strict.authorize("prompt", "none")).location());
        assertThat(refused).containsEntry("error", "interaction_required");
        assertThat(other.get(strict.authorize()).location()).endsWith("/signin/verify");
    }

    private void signInPasswordOnly(TestBrowser browser, TestApp app, Registered person) {
        Map<String, String> answer = signIn(browser, app, person);
        assertThat(answer).containsKey("code");
    }

    @Test
    void aRefreshTokenWorksOnceAndOneUsedTwiceEndsItsWholeFamily() {
        Registered alice = person();
        TestApp app = app(true, false);
        JsonNode tokens = app.exchange(signIn(new TestBrowser(port), app, alice).get("code"));
        String first = tokens.path("refresh_token").asString();

        TestApp.Response refreshed = app.refresh(first);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.json().path("refresh_token").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(verified(refreshed.json().path("id_token").asString()).getClaimAsStringList("amr")).contains("mfa");

        TestApp.Response replayed = app.refresh(first);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(app.refresh(second).status()).as("the family is revoked").isEqualTo(400);
    }

    @Test
    void authorizationsWhoseTokensAllExpiredAreRemoved() {
        Registered alice = person();
        TestApp app = app(true, false);
        JsonNode tokens = app.exchange(signIn(new TestBrowser(port), app, alice).get("code"));
        jdbc.sql("UPDATE oidc_authorization SET expires_at = :past WHERE user_id = :userId")
                .param("past", java.sql.Timestamp.from(clock.instant().minusSeconds(60)))
                .param("userId", alice.user().id()).update();
        assertThat(authorizations.removeExpired()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oidc_authorization WHERE user_id = :userId")
                .param("userId", alice.user().id()).query(Integer.class).single()).isZero();
        assertThat(app.refresh(tokens.path("refresh_token").asString()).status()).isEqualTo(400);
    }

    @Test
    void introspectionRevocationAndClientCredentialsForAConfidentialApp() {
        Registered alice = person();
        TestApp app = app(false, false);
        JsonNode tokens = app.exchange(signIn(new TestBrowser(port), app, alice).get("code"));
        String access = tokens.path("access_token").asString();

        JsonNode active = app.post("/oauth2/introspect", "token", access).json();
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("sub").asString()).isEqualTo(alice.user().id().toString());

        assertThat(app.post("/oauth2/revoke", "token", access).status()).isEqualTo(200);
        assertThat(app.post("/oauth2/introspect", "token", access).json().path("active").asBoolean()).isFalse();

        JsonNode own = app.post("/oauth2/token", "grant_type", "client_credentials").json();
        assertThat(own.path("access_token").asString()).isNotEmpty();
        TestApp wrongSecret = new TestApp(issuer, app.clientId, Optional.of("not-the-secret"));
        assertThat(wrongSecret.post("/oauth2/token", "grant_type", "client_credentials").status()).isEqualTo(401);
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesWhatItGave() {
        Registered alice = person();
        TestApp app = app(false, false);
        String code = signIn(new TestBrowser(port), app, alice).get("code");
        JsonNode tokens = app.exchange(code);
        assertThat(app.exchange(code).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(app.post("/oauth2/introspect", "token", tokens.path("access_token").asString()).json()
                .path("active").asBoolean()).isFalse();
    }

    @Test
    void signingOutOfVerrouEndsTheAppsSessionAndItsRefreshTokens() {
        Registered alice = person();
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        JsonNode tokens = app.exchange(signIn(browser, app, alice).get("code"));
        browser.get("/account");
        browser.post("/signout");
        assertThat(app.refresh(tokens.path("refresh_token").asString()).status()).isEqualTo(400);
        Map<String, String> none = TestApp.answer(browser.get(app.authorize("prompt", "none")).location());
        assertThat(none).containsEntry("error", "login_required");
    }

    @Test
    void signingOutTellsTheAppThatAskedOnTheBackChannel() throws Exception {
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/backchannel", exchange -> {
            told.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        listener.start();
        try {
            Registered alice = person();
            TestApp app = app(false, false, "http://localhost:" + listener.getAddress().getPort() + "/backchannel");
            TestBrowser browser = new TestBrowser(port);
            Jwt id = verified(app.exchange(signIn(browser, app, alice).get("code")).path("id_token").asString());
            browser.get("/account");
            browser.post("/signout");

            String body = told.poll(10, TimeUnit.SECONDS);
            assertThat(body).as("the app was told").startsWith("logout_token=");
            String jwks = TestApp.getPublic(issuer + "/.well-known/openid-configuration").json().path("jwks_uri").asString();
            // A logout token is typed logout+jwt (so that it can't pass for an ID token), which the default check refuses.
            NimbusJwtDecoder logoutTokens = NimbusJwtDecoder.withJwkSetUri(jwks).validateType(false).build();
            logoutTokens.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new JwtTypeValidator("logout+jwt")));
            Jwt logout = logoutTokens.decode(URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8));
            assertThat(logout.getHeaders()).containsEntry("typ", "logout+jwt");
            assertThat(logout.getIssuer().toString()).isEqualTo(issuer);
            assertThat(logout.getAudience()).containsExactly(app.clientId);
            assertThat(logout.getSubject()).isEqualTo(alice.user().id().toString());
            assertThat(logout.getClaimAsString("sid")).isEqualTo(id.getClaimAsString("sid"));
            assertThat(logout.getClaimAsMap("events")).containsKey("http://schemas.openid.net/event/backchannel-logout");
            assertThat(logout.getClaims()).doesNotContainKey("nonce");
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void endSessionSignsOutAndReturnsToARegisteredAddress() {
        Registered alice = person();
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        JsonNode tokens = app.exchange(signIn(browser, app, alice).get("code"));
        Page out = browser.get(issuer + "/connect/logout?id_token_hint=" + tokens.path("id_token").asString()
                + "&post_logout_redirect_uri=https://app.example/bye&state=xyz");
        assertThat(out.status()).as(out.body()).isEqualTo(302);
        assertThat(out.location()).isEqualTo("https://app.example/bye?state=xyz");
        assertThat(app.refresh(tokens.path("refresh_token").asString()).status()).isEqualTo(400);
        assertThat(TestApp.answer(browser.get(app.authorize("prompt", "none")).location()))
                .containsEntry("error", "login_required");
        assertThat(browser.get("/account").location()).endsWith("/signin");
    }

    @Test
    void recentActivityNamesTheApp() {
        Registered alice = person();
        TestApp app = app(true, false);
        TestBrowser browser = new TestBrowser(port);
        signIn(browser, app, alice);
        assertThat(browser.get("/account/activity").body()).contains("Signed in to Payroll");
    }
}
