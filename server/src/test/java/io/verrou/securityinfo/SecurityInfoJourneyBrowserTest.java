package io.verrou.securityinfo;

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
import io.verrou.method.AuthMethod;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKind;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two-step sign-in and Security info in a real browser, with emails going through a real SMTP server
 * (SPEC S5, S6): the second step, "Sign in another way", remembered browsers, and every kind of change to
 * security info, each followed by its "security info was changed" email.
 */
@VerrouTest
class SecurityInfoJourneyBrowserTest {

    private static final int SMTP_PORT = TestSmtp.freePort();

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
    MutableClock clock;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    AuthMethods methods;

    @Test
    void signInWithAnotherWayThenManageSecurityInfo() throws Exception {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRememberMfaDays(tenant.id(), 14);
        Registered alice = new TestRegistrations(port, clock).register(accounts.newUser(tenant, "alice", Role.USER));
        String masked = "+33 6•• •• •• " + alice.phone().substring(alice.phone().length() - 2);
        String base = "http://localhost:" + port;
        try (Chromium chromium = new Chromium("en")) {
            // Asked for the app's code; signs in another way, by text, and asks not to be asked again.
            chromium.signIn(base, alice.user().email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("Enter code");
            chromium.driver().findElement(By.linkText("Sign in another way")).click();
            chromium.awaitHeading("Verify your identity");
            chromium.button("Text " + masked).click();
            chromium.awaitText("We texted a code to " + masked);
            chromium.field("Code").sendKeys(new Outbox(port).latest(alice.phone(), "sms").code());
            chromium.driver().findElement(By.xpath("//label[contains(., 'Don’t ask again for 14 days')]/input")).click();
            chromium.button("Verify").click();
            chromium.awaitHeading("My account");

            // The same browser is not asked again.
            chromium.button("Sign out").click();
            chromium.awaitHeading("Sign in");
            chromium.signIn(base, alice.user().email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("My account");

            // Security info: a step-up first, since the remembered browser proved nothing just now.
            chromium.driver().findElement(By.linkText("Update security info")).click();
            chromium.awaitHeading("Enter code");
            chromium.field("Code").sendKeys(alice.code(clock));
            chromium.button("Verify").click();
            chromium.awaitHeading("Security info");
            assertThat(chromium.main()).contains("Default sign-in method: Authenticator app – code");
            int emailsBefore = SMTP.getReceivedMessages().length;

            // 1. Default → text message.
            chromium.driver().findElement(By.linkText("Change")).click();
            chromium.awaitHeading("Change default method");
            chromium.driver().findElement(By.xpath("//label[contains(., 'Phone – text')]/input")).click();
            chromium.button("Confirm").click();
            chromium.awaitText("Your default sign-in method was changed.");
            assertThat(chromium.main()).contains("Default sign-in method: Phone – text " + masked);

            // 2. An email address, proved by the code emailed to it (through SMTP).
            String personal = "alice.martin@example.org";
            chromium.button("+ Add sign-in method").click();
            chromium.awaitHeading("Add a method");
            chromium.driver().findElement(By.xpath("//label[normalize-space()='Email']/input")).click();
            chromium.button("Add").click();
            chromium.awaitText("Give an email address outside your organisation");
            chromium.field("Email address").sendKeys(personal);
            chromium.button("Next").click();
            chromium.awaitText("We just sent a 6-digit code to a•••@example.org");
            chromium.field("Code").sendKeys(codeIn(lastMailTo(personal)));
            chromium.button("Next").click();
            chromium.awaitText("The method was added.");

            // 3. Three security questions.
            chromium.button("+ Add sign-in method").click();
            chromium.awaitHeading("Add a method");
            chromium.driver().findElement(By.xpath("//label[normalize-space()='Security questions']/input")).click();
            chromium.button("Add").click();
            chromium.awaitText("Question 1");
            for (int i = 1; i <= 3; i++) {
                new Select(chromium.field("Question " + i)).selectByIndex(i);
                chromium.field("Answer " + i).sendKeys("answer number " + i);
            }
            chromium.button("Done").click();
            chromium.awaitText("The method was added.");

            // 4. Delete the phone: the default moves to the app's code.
            chromium.driver().findElement(By.xpath("//li[contains(., '" + masked + "')]//a[normalize-space()='Delete']")).click();
            chromium.awaitHeading("Delete method");
            chromium.button("Delete").click();
            chromium.awaitText("The method was deleted.");
            assertThat(chromium.main()).contains("Default sign-in method: Authenticator app – code");
            assertThat(methods.of(alice.user().id())).extracting(AuthMethod::kind)
                    .containsExactly(MethodKind.of("totp"), MethodKind.of("email"), MethodKind.of("questions"));

            // One "security info was changed" email per change, to the email method once there is one.
            SMTP.waitForIncomingEmail(5000, emailsBefore + 5);
            List<MimeMessage> notices = Arrays.stream(SMTP.getReceivedMessages())
                    .skip(emailsBefore)
                    .filter(m -> subject(m).contains("security info was changed"))
                    .toList();
            assertThat(notices).hasSize(4);
            assertThat(GreenMailUtil.getAddressList(notices.get(0).getAllRecipients())).isEqualTo(alice.user().email());
            assertThat(GreenMailUtil.getAddressList(notices.get(3).getAllRecipients())).isEqualTo(personal);

            // Lost device: sign out everywhere. Without the phone the policy requires, the next sign-in asks
            // for one again, once alice has proved her app.
            chromium.button("Sign out everywhere").click();
            chromium.awaitText("You were signed out on every browser and device.");
            clock.advance(Duration.ofSeconds(30));
            chromium.signIn(base, alice.user().email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("More information required");
            chromium.button("Next").click();
            chromium.awaitHeading("Enter code");
        }
    }

    @Test
    void anSmtpServerThatRefusesLosesNothingAndSaysSo() throws Exception {
        Registered bob = new TestRegistrations(port, clock)
                .register(accounts.newUser(accounts.newTenantWithDefaultPolicy(), "bob", Role.USER));
        try (Chromium chromium = new Chromium("en")) {
            chromium.signIn("http://localhost:" + port, bob.user().email(), TestAccounts.PASSWORD);
            chromium.awaitHeading("Enter code");
            chromium.field("Code").sendKeys(bob.code(clock));
            chromium.button("Verify").click();
            chromium.awaitHeading("My account");
            chromium.open("http://localhost:" + port + "/account/security-info/add");
            chromium.driver().findElement(By.xpath("//label[normalize-space()='Email']/input")).click();
            chromium.button("Add").click();
            chromium.awaitText("Give an email address outside your organisation");

            SMTP.stop();
            try {
                chromium.field("Email address").sendKeys("bob.dupont@example.org");
                chromium.button("Next").click();
                chromium.awaitText("We couldn’t send the email. Try again, or use another method.");
                assertThat(chromium.field("Email address").getAttribute("value")).isEqualTo("bob.dupont@example.org");
            } finally {
                SMTP.start();
            }
            assertThat(methods.of(bob.user().id())).extracting(AuthMethod::kind).doesNotContain(MethodKind.of("email"));
        }
    }


    private static MimeMessage lastMailTo(String address) throws Exception {
        SMTP.waitForIncomingEmail(5000, 1);
        MimeMessage[] all = SMTP.getReceivedMessages();
        for (int i = all.length - 1; i >= 0; i--) {
            if (GreenMailUtil.getAddressList(all[i].getAllRecipients()).contains(address)) {
                return all[i];
            }
        }
        throw new AssertionError("No email to " + address);
    }

    private static String codeIn(MimeMessage message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(GreenMailUtil.getBody(message));
        assertThat(m.find()).as("a 6-digit code in the email").isTrue();
        return m.group(1);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
