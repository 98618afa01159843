package io.verrou.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import io.verrou.Chromium;
import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.otp.Base32;
import io.verrou.otp.HmacAlgorithm;
import io.verrou.otp.OtpAuthUri;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A new person's first sign-in in a real browser: stopped for security info, they scan the QR code with a
 * standard authenticator app, verify a phone by text, and land on My account.
 */
@VerrouTest
class RegistrationJourneyBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    MutableClock clock;

    @Test
    void firstSignInSetsUpAnAuthenticatorAppAndAPhoneThenReachesMyAccount() throws Exception {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        User alice = accounts.newUser(tenant, "alice", Role.USER);
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            chromium.signIn("http://localhost:" + port, alice.email(), TestAccounts.PASSWORD);

            chromium.awaitHeading("More information required");
            chromium.button("Next").click();
            chromium.awaitText("Start by getting the app");
            browser.findElement(By.linkText("I want to use a different authenticator app")).click();

            chromium.awaitText("Can’t scan image?");
            assertThat(chromium.main()).contains("Method 1 of 2: App");
            // The QR code as a phone's camera sees it: the pixels the browser shows.
            WebElement qr = chromium.loadedImage(".qr img");
            assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(200);
            OtpAuthUri uri = OtpAuthUri.parse(Chromium.qrText(qr));
            assertThat(uri.type()).isEqualTo("totp");
            assertThat(uri.issuer()).isEqualTo(tenant.name());
            assertThat(uri.accountName()).isEqualTo(alice.email());
            assertThat(uri.parameters().algorithm()).isEqualTo(HmacAlgorithm.SHA1);
            assertThat(uri.parameters().digits()).isEqualTo(6);
            assertThat(uri.parameters().periodSeconds()).isEqualTo(30);
            assertThat(uri.secret()).hasSize(20);

            // Can't scan image? shows the same secret, to type by hand.
            browser.findElement(By.xpath("//summary[normalize-space()='Can’t scan image?']")).click();
            assertThat(browser.findElement(By.id("secret")).getText().replace(" ", ""))
                    .isEqualTo(Base32.encode(uri.secret()));

            chromium.field("Code").sendKeys(oathtool(Base32.encode(uri.secret())));
            chromium.button("Next").click();

            chromium.awaitText("Method 2 of 2: Phone");
            new Select(chromium.field("Country or region")).selectByValue("FR");
            chromium.field("Phone number").sendKeys("+33 6 12 34 56 78");
            browser.findElement(By.xpath("//label[normalize-space()='Text me a code']/input")).click();
            chromium.button("Next").click();

            chromium.awaitText("We just sent a 6-digit code to +33 6•• •• •• 78");
            Outbox.Delivery text = new Outbox(port).latest("+33612345678", "sms");
            assertThat(text.body()).contains(text.code()).contains(tenant.name());
            chromium.field("Code").sendKeys(text.code());
            chromium.button("Next").click();

            chromium.awaitHeading("Success!");
            assertThat(chromium.main()).contains("Authenticator app").contains("Phone").contains("+33 6•• •• •• 78")
                    .contains("Default sign-in method: Authenticator app – code");
            chromium.button("Done").click();

            chromium.awaitHeading("My account");
            assertThat(chromium.main()).contains(alice.email());
        }
    }

    @Test
    void callMeIsAnsweredWithTheHashKeyOnTheOutboxPage() throws Exception {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        User bob = accounts.newUser(tenant, "bob", Role.USER);
        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            chromium.signIn("http://localhost:" + port, bob.email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("More information required");
            chromium.button("Next").click();
            chromium.awaitText("Start by getting the app");
            browser.findElement(By.linkText("I want to use a different authenticator app")).click();
            chromium.awaitText("Can’t scan image?");
            browser.findElement(By.xpath("//summary[normalize-space()='Can’t scan image?']")).click();
            chromium.field("Code").sendKeys(oathtool(browser.findElement(By.id("secret")).getText().replace(" ", "")));
            chromium.button("Next").click();

            chromium.awaitText("Method 2 of 2: Phone");
            chromium.field("Phone number").sendKeys("+33 6 98 76 54 32");
            browser.findElement(By.xpath("//label[normalize-space()='Call me']/input")).click();
            chromium.button("Next").click();
            chromium.awaitText("We’re calling +33 6•• •• •• 32 now.");

            // The phone rings: in another tab, the outbox answers it.
            String wizard = browser.getWindowHandle();
            browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            browser.get("http://localhost:" + port + "/dev/outbox");
            browser.findElement(By.xpath("//section[contains(., '+33698765432')]//button[normalize-space()='Press #']")).click();
            chromium.awaitText("Answered with #");
            browser.close();
            browser.switchTo().window(wizard);

            chromium.button("I answered the call").click();
            chromium.awaitHeading("Success!");
            assertThat(chromium.main()).contains("+33 6•• •• •• 32");
        }
    }

    /** The current code from oathtool, an implementation independent of ours, at the server's time. */

    private String oathtool(String base32Secret) throws IOException, InterruptedException {
        return Chromium.oathtool(base32Secret, clock.instant());
    }
}
