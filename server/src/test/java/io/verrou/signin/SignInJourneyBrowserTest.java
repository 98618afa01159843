package io.verrou.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.verrou.Chromium;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

            assertThat(heading(browser)).isEqualTo("Sign in");
            field(browser, "Email").sendKeys(user.email());
            button(browser, "Next").click();

            awaitHeading(browser, "Enter password");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(user.email());
            field(browser, "Password").sendKeys("wrong password");
            button(browser, "Sign in").click();
            awaitHeading(browser, "Enter password");
            assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                    .isEqualTo("Your email or password is incorrect. Check them and try again.");

            field(browser, "Password").sendKeys(TestAccounts.PASSWORD);
            button(browser, "Sign in").click();

            awaitHeading(browser, "My account");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(user.displayName()).contains(user.email());
            assertThat(browser.findElement(By.linkText("Update security info")).isDisplayed()).isTrue();

            button(browser, "Sign out").click();
            awaitHeading(browser, "Sign in");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("You have signed out.");
            browser.get("http://localhost:" + port + "/account");
            assertThat(heading(browser)).isEqualTo("Sign in");
        }
    }

    @Test
    void signInAndSignOutInFrenchWithTheLanguageSwitch() {
        User user = accounts.newUser();
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            browser.get("http://localhost:" + port + "/signin");
            browser.findElement(By.linkText("Français")).click();

            awaitHeading(browser, "Se connecter");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
            field(browser, "E-mail").sendKeys(user.email());
            button(browser, "Suivant").click();

            awaitHeading(browser, "Entrer le mot de passe");
            assertThat(browser.findElement(By.linkText("J’ai oublié mon mot de passe")).isDisplayed()).isTrue();
            field(browser, "Mot de passe").sendKeys(TestAccounts.PASSWORD);
            button(browser, "Se connecter").click();

            awaitHeading(browser, "Mon compte");
            button(browser, "Se déconnecter").click();
            awaitHeading(browser, "Se connecter");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Vous êtes déconnecté.");
        }
    }

    private static String heading(WebDriver browser) {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static void awaitHeading(WebDriver browser, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** The input a visible label names, as a person finds it. */
    private static WebElement field(WebDriver browser, String label) {
        WebElement labelElement = browser.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return browser.findElement(By.id(labelElement.getAttribute("for")));
    }

    private static WebElement button(WebDriver browser, String text) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }
}
