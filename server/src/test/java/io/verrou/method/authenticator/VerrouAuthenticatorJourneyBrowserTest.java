package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.verrou.Chromium;
import io.verrou.CompanionApp;
import io.verrou.Outbox;
import io.verrou.TestAccounts;
import io.verrou.TestRegistrations;
import io.verrou.VerrouTest;
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Bob sets up the Verrou Authenticator in the wizard — the real companion app scans the QR code the page
 * shows and approves the test request with its number — and then signs in by approving a request.
 * Its own context: the companion app signs with the real time, so this server's clock must be the real
 * one too (the shared context's clock has been moved forward by other tests).
 */
@VerrouTest
@TestPropertySource(properties = "verrou.test.context=real-time")
class VerrouAuthenticatorJourneyBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthMethods methods;

    @Test
    void bobSetsUpTheAppByQrCodeAndSignsInByApprovingTheNumber() throws Exception {
        User bob = accounts.newUser(accounts.newTenantWithDefaultPolicy(), "bob", Role.USER);
        String base = "http://localhost:" + port;
        CompanionApp app = new CompanionApp();
        try (Chromium chromium = new Chromium("en")) {
            chromium.signIn(base, bob.email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("More information required");
            chromium.button("Next").click();
            chromium.awaitText("Start by getting the app");
            chromium.button("Next").click();
            chromium.awaitText("Set up your account");
            chromium.button("Next").click();
            chromium.awaitText("Scan the QR code");

            // The QR image saved from the page, as a phone's camera would see it.
            Path qr = app.home().resolve("qr.png");
            Files.write(qr, chromium.loadedImage(".qr img").getScreenshotAs(OutputType.BYTES));
            CompanionApp.Run activated = app.run("activate", "--qr", qr.toString(), "--name", "Bob's phone");
            assertThat(activated.exitCode()).as(activated.output()).isZero();
            assertThat(activated.output()).contains(bob.email());
            chromium.button("Next").click();

            chromium.awaitText("Let’s try it out");
            String number = chromium.driver().findElement(By.cssSelector(".push-number span:last-child")).getText();
            CompanionApp.Run watched = app.run("watch", "--once", "--wait", "10");
            assertThat(watched.output()).contains("registration");
            CompanionApp.Run approved = app.run("approve", "--number", number);
            assertThat(approved.exitCode()).as(approved.output()).isZero();

            // The page moves on by itself to the phone step.
            chromium.awaitText("Method 2 of 2: Phone");
            String phone = TestRegistrations.uniqueMobile();
            chromium.field("Phone number").sendKeys(phone);
            chromium.button("Next").click();
            chromium.awaitText("We just sent a 6-digit code");
            chromium.field("Code").sendKeys(new Outbox(port).latest(phone, "sms").code());
            chromium.button("Next").click();
            chromium.awaitHeading("Success!");
            assertThat(chromium.main()).contains("Verrou Authenticator").contains("Bob's phone")
                    .contains("Default sign-in method: Verrou Authenticator – notification");
            chromium.button("Done").click();
            chromium.awaitHeading("My account");
            chromium.button("Sign out").click();
            chromium.awaitHeading("Sign in");

            // Next sign-in: a wrong number refuses the request; the right one signs bob in.
            chromium.signIn(base, bob.email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("Approve sign-in request");
            String shown = chromium.driver().findElement(By.cssSelector(".push-number span:last-child")).getText();
            String wrong = shown.equals("42") ? "43" : "42";
            CompanionApp.Run refused = app.run("approve", "--number", wrong);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            chromium.awaitText("didn’t match");
            chromium.button("Send another request").click();
            chromium.awaitText("Open your Verrou Authenticator app");
            String again = chromium.driver().findElement(By.cssSelector(".push-number span:last-child")).getText();
            assertThat(app.run("approve", "--number", again).exitCode()).isZero();
            chromium.awaitHeading("My account");
        }
        assertThat(methods.of(bob.id())).extracting(AuthMethod::kind).contains(MethodKind.of("authenticator"));
    }
}
