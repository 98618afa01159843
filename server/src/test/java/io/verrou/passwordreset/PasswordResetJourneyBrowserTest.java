package io.verrou.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.verrou.Chromium;
import io.verrou.MutableClock;
import io.verrou.Outbox;
import io.verrou.TestAccounts;
import io.verrou.TestRegistrations;
import io.verrou.TestRegistrations.Registered;
import io.verrou.TestSmtp;
import io.verrou.VerrouTest;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Self-service password reset in a real browser, as alice does it (SPEC S9): from "Forgot my password", her
 * user ID and the check, a text to her retyped number, her authenticator app's code, a new password, and the
 * "Your password was reset" email through a real SMTP server.
 */
@VerrouTest
class PasswordResetJourneyBrowserTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final String NEW_PASSWORD = "Quiet-harbour-lamps-31";

    @RegisterExtension
    static final GreenMailExtension SMTP = TestSmtp.server(SMTP_PORT);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    MutableClock clock;

    @Test
    void aliceResetsHerForgottenPasswordWithHerPhoneAndHerAuthenticatorApp() throws Exception {
        Tenant contoso = accounts.newTenantNamed("Contoso");
        Registered alice = new TestRegistrations(port, clock).register(accounts.newUser(contoso, "alice", Role.USER));
        tenants.updateRequirements(contoso.id(), List.of("authenticator", "mobile_phone"), 2);
        String base = "http://localhost:" + port;

        try (Chromium chromium = new Chromium("en")) {
            WebDriver browser = chromium.driver();
            chromium.open(base + "/signin");
            chromium.field("Email").sendKeys(alice.user().email());
            chromium.button("Next").click();
            chromium.awaitHeading("Enter password");
            browser.findElement(By.linkText("Forgot my password")).click();

            chromium.awaitHeading("Get back into your account");
            assertThat(browser.findElement(By.cssSelector("img.captcha")).getAttribute("alt")).contains("6 characters");
            assertThat(chromium.field("User ID").getAttribute("value")).as("the name typed to sign in")
                    .isEqualTo(alice.user().email());
            chromium.button("Answer a question instead").click();
            chromium.awaitText("Show a picture instead");
            String question = browser.findElement(By.cssSelector("label[for=answer]")).getText();
            assertThat(chromium.field("User ID").getAttribute("value")).as("what was typed is kept")
                    .isEqualTo(alice.user().email());
            chromium.field(question).sendKeys(ResetPortal.answer(question));
            chromium.button("Next").click();

            chromium.awaitText("Verification step 1 of 2");
            option(browser, "Text my mobile phone").click();
            chromium.button("Next").click();
            chromium.awaitText("enter your complete mobile phone number");
            new Select(chromium.field("Country or region")).selectByValue("FR");
            chromium.field("Phone number").sendKeys(alice.phone());
            chromium.button("Text").click();

            chromium.awaitText("We’ve texted a code to");
            chromium.field("Code").sendKeys(new Outbox(port).latest(alice.phone(), "sms").code());
            chromium.button("Next").click();

            chromium.awaitText("Verification step 2 of 2");
            assertThat(chromium.main()).doesNotContain("Text my mobile phone");
            option(browser, "Enter a code from my authenticator app").click();
            chromium.button("Next").click();
            chromium.awaitText("Enter the code your authenticator app shows now");
            chromium.field("Code").sendKeys(alice.code(clock));
            chromium.button("Next").click();

            chromium.awaitText("Choose a new password");
            chromium.field("Enter new password").sendKeys("Password1!");
            chromium.field("Confirm new password").sendKeys("Password1!");
            chromium.button("Finish").click();
            chromium.awaitText("one of the most common ones");
            chromium.field("Enter new password").sendKeys(NEW_PASSWORD);
            chromium.button("Show password").click();
            assertThat(chromium.field("Enter new password").getAttribute("type")).as("she checks what she typed")
                    .isEqualTo("text");
            chromium.button("Hide password").click();
            chromium.field("Confirm new password").sendKeys(NEW_PASSWORD);
            chromium.button("Finish").click();

            chromium.awaitHeading("Your password has been reset");
            browser.findElement(By.linkText("Sign in")).click();
            chromium.awaitHeading("Sign in");
            chromium.field("Email").clear();
            chromium.field("Email").sendKeys(alice.user().email());
            chromium.button("Next").click();
            chromium.awaitHeading("Enter password");
            chromium.field("Password").sendKeys(TestAccounts.PASSWORD);
            chromium.button("Sign in").click();
            chromium.awaitText("Your email or password is incorrect");
            chromium.field("Password").sendKeys(NEW_PASSWORD);
            chromium.button("Sign in").click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/signin/verify"));
        }

        SMTP.waitForIncomingEmail(5000, 1);
        List<MimeMessage> resetNotices = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).equals("Your password was reset"))
                .toList();
        assertThat(resetNotices).hasSize(1);
        assertThat(GreenMailUtil.getAddressList(resetNotices.get(0).getAllRecipients())).isEqualTo(alice.user().email());
        assertThat(GreenMailUtil.getBody(resetNotices.get(0))).doesNotContain(NEW_PASSWORD);
    }

    private static WebElement option(WebDriver browser, String text) {
        return browser.findElement(By.xpath("//label[normalize-space()='" + text + "']"));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
