package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Whatever people type, they get a clear message in their language, never a server error. */
@VerrouTest
class InputValidationTests {

    @Autowired
    io.verrou.signin.JdbcSignInLockoutRepository lockouts;

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    static Stream<Arguments> oddEmails() {
        return Stream.of(
                Arguments.of("", "Enter the email address you sign in with."),
                Arguments.of("   ", "Enter the email address you sign in with."),
                Arguments.of("x".repeat(10_000), "Enter a valid email address, like name@example.com."),
                Arguments.of("a".repeat(5_000) + "@example.com", "Enter a valid email address, like name@example.com."),
                Arguments.of("not an address", "Enter a valid email address, like name@example.com."),
                Arguments.of("nul\u0000@example.com", "Enter a valid email address, like name@example.com."),
                Arguments.of("rtl\u202e@example.com", "Enter a valid email address, like name@example.com."),
                Arguments.of("\ud83d\udd12\ud83d\udd12\ud83d\udd12", "Enter a valid email address, like name@example.com."),
                Arguments.of("non\uffffchar@example.com", "Enter a valid email address, like name@example.com."),
                Arguments.of("<script>alert(1)</script>", "Enter a valid email address, like name@example.com."));
    }

    @ParameterizedTest
    @MethodSource("oddEmails")
    void oddEmailsGetAClearMessage(String email, String message) {
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");

        Page page = browser.post("/signin", "email", email);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.h1()).isEqualTo("Sign in");
        assertThat(page.error()).isEqualTo(message);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void messagesFollowTheChosenLanguage() {
        TestBrowser browser = new TestBrowser(port).language("fr");
        browser.get("/signin");

        Page page = browser.post("/signin", "email", "pas une adresse");

        assertThat(page.h1()).isEqualTo("Se connecter");
        assertThat(page.error()).isEqualTo("Saisissez une adresse e-mail valide, comme nom@exemple.fr.");
    }

    static Stream<String> oddPasswords() {
        return Stream.of("p".repeat(10_000), "\u0000\u0001\u0002", "\ud83d\udd11 clé ✓ 鍵", "\ud800", "' OR 1=1 --");
    }

    @ParameterizedTest
    @MethodSource("oddPasswords")
    void oddPasswordsAreSimplyIncorrect(String password) {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);

        Page page = browser.signIn(user.email(), password);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.error()).isEqualTo("Your email or password is incorrect. Check them and try again.");
    }

    @Test
    void anEmptyPasswordIsAskedForAgainWithoutCounting() {
        User user = accounts.newUser();
        TestBrowser browser = new TestBrowser(port);

        Page page = browser.signIn(user.email(), "");

        assertThat(page.error()).isEqualTo("Enter your password.");
        assertThat(lockouts.find(user.email())).as("no failure counted").isEmpty();
        // Nine more empty ones still lock nothing: the tenth real failure would.
        for (int i = 0; i < 9; i++) {
            browser.post("/signin/password", "password", "");
        }
        assertThat(lockouts.find(user.email())).isEmpty();
        assertThat(browser.post("/signin/password", "password", TestAccounts.PASSWORD).location()).endsWith("/account");
    }

    @Test
    void aMissingFieldIsTreatedAsEmpty() {
        TestBrowser browser = new TestBrowser(port);
        browser.get("/signin");

        Page page = browser.post("/signin");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.error()).isEqualTo("Enter the email address you sign in with.");
    }
}
