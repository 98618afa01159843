package io.verrou.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.Chromium;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sign-in and sign-out in a real browser, as a person does it: by the labels and buttons they see.
 */
@VerrouTest
class SignInJourneyBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    @Test
    void signInSeeMyAccountAndSignOutInEnglish() {
        User user = accounts.newUser();
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            browser.get("http://localhost:" + port + "/account");

            assertThat(chromium.heading()).isEqualTo("Sign in");
            chromium.field("Email").sendKeys(user.email());
            chromium.button("Next").click();

            chromium.awaitHeading("Enter password");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(user.email());
            chromium.field("Password").sendKeys("wrong password");
            chromium.button("Sign in").click();
            chromium.awaitHeading("Enter password");
            assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                    .isEqualTo("Your email or password is incorrect. Check them and try again.");

            chromium.field("Password").sendKeys(TestAccounts.PASSWORD);
            chromium.button("Sign in").click();

            chromium.awaitHeading("My account");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(user.displayName()).contains(user.email());
            assertThat(browser.findElement(By.linkText("Update security info")).isDisplayed()).isTrue();

            chromium.button("Sign out").click();
            chromium.awaitHeading("Sign in");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("You have signed out.");
            browser.get("http://localhost:" + port + "/account");
            assertThat(chromium.heading()).isEqualTo("Sign in");
        }
    }

    @Test
    void signInAndSignOutInFrenchWithTheLanguageSwitch() {
        User user = accounts.newUser();
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            browser.get("http://localhost:" + port + "/signin");
            browser.findElement(By.linkText("Français")).click();

            chromium.awaitHeading("Se connecter");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
            chromium.field("E-mail").sendKeys(user.email());
            chromium.button("Suivant").click();

            chromium.awaitHeading("Entrer le mot de passe");
            assertThat(browser.findElement(By.linkText("J’ai oublié mon mot de passe")).isDisplayed()).isTrue();
            chromium.field("Mot de passe").sendKeys(TestAccounts.PASSWORD);
            chromium.button("Se connecter").click();

            chromium.awaitHeading("Mon compte");
            chromium.button("Se déconnecter").click();
            chromium.awaitHeading("Se connecter");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Vous êtes déconnecté.");
        }
    }

}
