package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages anyone can load store nothing (SPEC S14): Sign in, Enter password, a refused password, the reset portal's
 * first page and a wrong CAPTCHA, health and static files make no session. A session starts with the sign-in itself,
 * and every POST still needs its CSRF token.
 */
@VerrouTest
class AnonymousPagesTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private long sessionsMadeSince(long millis) {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE CREATION_TIME >= :since").param("since", millis)
                .query(Long.class).single();
    }

    private static void noSessionCookie(Page page) {
        List<String> cookies = page.headerValues("Set-Cookie");
        assertThat(cookies).noneMatch(cookie -> cookie.startsWith("VERROU_SESSION="));
    }

    @Test
    void showingSignInAndRefusingAPasswordStoreNoSession() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        long before = System.currentTimeMillis();

        Page signIn = browser.get("/signin");
        Page named = browser.post("/signin", "email", user.email());
        Page password = browser.get("/signin/password");
        Page refused = browser.post("/signin/password", "password", "not-the-password");
        Page pass = browser.get("/signin/tap");

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(named.location()).endsWith("/signin/password");
        assertThat(password.body()).contains(user.email());
        assertThat(refused.error()).contains("incorrect");
        assertThat(pass.status()).isEqualTo(200);
        for (Page page : List.of(signIn, named, password, refused, pass)) {
            noSessionCookie(page);
        }
        assertThat(browser.cookie("VERROU_SESSION")).isEmpty();
        assertThat(sessionsMadeSince(before)).isZero();
    }

    @Test
    void theResetPortalsFirstPageAndAWrongAnswerStoreNoSession() {
        TestBrowser browser = new TestBrowser(port);
        long before = System.currentTimeMillis();

        Page start = browser.get("/passwordreset");
        Page question = browser.get("/passwordreset?question=true");
        Page wrong = browser.post("/passwordreset", "userId", "someone@example.org", "answer", "NOPE");
        Page another = browser.post("/passwordreset", "userId", "someone@example.org", "puzzle", "picture");

        assertThat(start.h1()).isEqualTo("Get back into your account");
        assertThat(question.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("That answer isn’t right");
        assertThat(another.body()).contains("data:image/png;base64,");
        for (Page page : List.of(start, question, wrong, another)) {
            noSessionCookie(page);
        }
        assertThat(sessionsMadeSince(before)).isZero();
    }

    @Test
    void healthAndStaticFilesStoreNoSession() {
        TestBrowser browser = new TestBrowser(port);
        long before = System.currentTimeMillis();

        for (String path : List.of("/actuator/health", "/css/verrou.css", "/js/wait.js", "/img/verrou.svg")) {
            Page page = path.startsWith("/actuator") ? browser.getJson(path) : browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            noSessionCookie(page);
        }
        assertThat(sessionsMadeSince(before)).isZero();
    }

    @Test
    void theSessionStartsWithTheSignInItself() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        long before = System.currentTimeMillis();

        Page landed = browser.signIn(user.email(), TestAccounts.PASSWORD);

        assertThat(landed.location()).endsWith("/account");
        assertThat(browser.cookie("VERROU_SESSION")).isPresent();
        assertThat(sessionsMadeSince(before)).isEqualTo(1);
        assertThat(browser.get("/account").h1()).isEqualTo("My account");
    }

    @Test
    void formsWithoutASessionStillNeedTheirToken() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");

        assertThat(browser.postRaw("/signin", "email", user.email()).status()).as("no token").isEqualTo(403);
        assertThat(browser.postRaw("/signin", "email", user.email(), "_csrf", "forged").status()).as("a forged token")
                .isEqualTo(403);
        TestBrowser other = new TestBrowser(port);
        other.get("/signin");
        assertThat(other.postRaw("/signin/password", "password", TestAccounts.PASSWORD, "_csrf", "forged").status())
                .isEqualTo(403);
        assertThat(browser.post("/signin", "email", user.email()).location()).as("with the page's token")
                .endsWith("/signin/password");
    }
}
