package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CSRF on every form, a strict CSP and no inline script or style on any page, safe cookies. */
@VerrouTest
class SecurityHeadersTests {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE = Pattern.compile("<style|<[^>]+\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");

        Page refused = browser.postRaw("/signin", "email", user.email());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for its missing token").isEqualTo("This form has expired");
    }

    @Test
    void aPasswordPostedWithAForgedCsrfTokenIsRefusedAndSignsNobodyIn() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");
        browser.post("/signin", "email", user.email());

        Page refused = browser.postRaw("/signin/password", "password", TestAccounts.PASSWORD, "_csrf", "forged");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for its forged token").isEqualTo("This form has expired");
        assertThat(browser.get("/account").location()).endsWith("/signin");
    }

    @Test
    void signingOutNeedsTheCsrfTokenToo() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));

        Page refused = browser.postRaw("/signout");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.h1()).as("refused for its missing token").isEqualTo("This form has expired");
        assertThat(browser.get("/account").status()).isEqualTo(200);
    }

    @Test
    void noPageCarriesInlineScriptOrStyleAndEveryPageSendsTheStrictPolicy() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        List<Page> pages = new ArrayList<>();
        pages.add(browser.get("/signin"));
        pages.add(browser.get("/signin?lang=fr"));
        pages.add(browser.post("/signin", "email", "bad"));
        browser.post("/signin", "email", user.email());
        pages.add(browser.get("/signin/password"));
        pages.add(browser.post("/signin/password", "password", "wrong"));
        pages.add(browser.get("/passwordreset"));
        pages.add(browser.get("/signout"));
        browser.get("/signin/password");
        browser.follow(browser.post("/signin/password", "password", TestAccounts.PASSWORD));
        pages.add(browser.get("/account"));
        pages.add(browser.get("/account/security-info"));
        pages.add(browser.get("/no-such-page"));
        pages.add(browser.get("/test/failure"));

        assertThat(pages).allSatisfy(page -> {
            assertThat(page.header("Content-Security-Policy")).contains(WebSecurityConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.header("X-Frame-Options")).contains("DENY");
            assertThat(INLINE_SCRIPT.matcher(page.body()).find()).as("inline script").isFalse();
            assertThat(EVENT_HANDLER.matcher(page.body()).find()).as("event handler attribute").isFalse();
            assertThat(STYLE.matcher(page.body()).find()).as("inline style").isFalse();
        });
    }

    @Test
    void thePolicyAllowsNoInlineCodeAndNoOtherOrigin() {
        String policy = WebSecurityConfiguration.CONTENT_SECURITY_POLICY;

        assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*")
                .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        Page signIn = browser.get("/signin");
        Page named = browser.post("/signin", "email", user.email());
        browser.get("/signin/password");
        Page signedIn = browser.post("/signin/password", "password", TestAccounts.PASSWORD);

        assertThat(signedIn.headerValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("VERROU_SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
        // Before the session, the form's token and the name typed are cookies no script can read either.
        assertThat(signIn.headerValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("VERROU_CSRF=").contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(named.headerValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("VERROU_NAME=").contains("HttpOnly").contains("SameSite=Lax"));
    }
}
