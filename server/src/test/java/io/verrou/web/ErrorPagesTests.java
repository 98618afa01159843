package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Error pages are ours, in the person's language, and never show what went wrong inside. */
@VerrouTest
class ErrorPagesTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    TestBrowser browser;

    @BeforeEach
    void signedIn() {
        User user = accounts.newUser();
        browser = new TestBrowser(port);
        browser.follow(browser.signIn(user.email(), TestAccounts.PASSWORD));
    }

    @Test
    void badRequest() {
        Page page = browser.get("/test/number?value=not-a-number");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.h1()).isEqualTo("Something is wrong with this request");
        assertNothingLeaks(page);
    }

    @Test
    void forbidden() {
        Page page = browser.postRaw("/test/post-only");

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.h1()).as("refused for its missing token").isEqualTo("This form has expired");
        assertNothingLeaks(page);
    }

    @Test
    void notFound() {
        Page page = browser.get("/nothing/here");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.h1()).isEqualTo("Page not found");
        assertNothingLeaks(page);
    }

    @Test
    void methodNotAllowed() {
        Page page = browser.get("/test/post-only");

        assertThat(page.status()).isEqualTo(405);
        assertThat(page.h1()).isEqualTo("This action is not available here");
        assertNothingLeaks(page);
    }

    @Test
    void serverError() {
        Page page = browser.get("/test/failure");

        assertThat(page.status()).isEqualTo(500);
        assertThat(page.h1()).isEqualTo("Something went wrong");
        assertNothingLeaks(page);
    }

    @Test
    void errorPagesSpeakFrench() {
        browser.get("/account?lang=fr");

        assertThat(browser.get("/nothing/here").h1()).isEqualTo("Page introuvable");
        assertThat(browser.get("/test/failure").h1()).isEqualTo("Un problème est survenu");
        assertThat(browser.get("/test/post-only").h1()).isEqualTo("Cette action n’est pas disponible ici");
    }

    private static void assertNothingLeaks(Page page) {
        assertThat(page.body())
                .doesNotContain("Exception")
                .doesNotContain("at io.verrou")
                .doesNotContain("secret-detail")
                .doesNotContain("Whitelabel")
                .doesNotContain("trace");
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    }
}
