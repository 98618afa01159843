package io.verrou.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import example.rp.RelyingParty;

import io.verrou.Chromium;
import io.verrou.MutableClock;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.oidc.AppRegistrations.Form;
import io.verrou.oidc.AppRegistrations.Result;
import io.verrou.otp.Base32;
import io.verrou.otp.OtpAuthUri;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.tenant.Tenant;
import io.verrou.user.Role;
import io.verrou.user.User;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real app signs a new person in through Verrou (SPEC S12): Spring Security's OAuth2 client on its own port, a
 * headless Chromium following the visible labels. The person meets the registration interrupt, sets up an
 * authenticator app from the QR code, and is back in the app with an ID token saying {@code mfa} and {@code otp};
 * the next sign-in, in a new browser, asks only for the password and the app's code.
 */
@VerrouTest
class AppSignInJourneyBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    AppRegistrations registrations;
    @Autowired
    MutableClock clock;

    @Test
    void aNewPersonRegistersOnTheWayToTheAppAndLandsThereWithMfa() throws Exception {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        tenants.updateRequirements(tenant.id(), List.of("authenticator"), 1);
        User admin = accounts.newUser(tenant, "admin", Role.ADMIN);
        User dana = accounts.newUser(tenant, "dana", Role.USER);
        int appPort = freePort();
        String app = "http://localhost:" + appPort;
        Result.Registered registered = (Result.Registered) registrations.register(admin, new Form("Payroll", false,
                app + "/login/oauth2/code/verrou", "", false, ""), new ClientInfo("203.0.113.9", "Firefox"));
        String issuer = "http://localhost:" + port + "/t/" + accounts.domain(tenant);

        try (ConfigurableApplicationContext relyingParty = RelyingParty.start(appPort, issuer,
                registered.app().clientId(), registered.secret().orElseThrow())) {
            String secret;
            try (Chromium chromium = new Chromium("en")) {
                chromium.open(app + "/");
                chromium.awaitHeading("Sign in");
                chromium.field("Email").sendKeys(dana.email());
                chromium.button("Next").click();
                chromium.awaitHeading("Enter password");
                chromium.field("Password").sendKeys(TestAccounts.PASSWORD);
                chromium.button("Sign in").click();

                chromium.awaitHeading("More information required");
                chromium.button("Next").click();
                chromium.awaitText("Start by getting the app");
                chromium.driver().findElement(By.linkText("I want to use a different authenticator app")).click();
                chromium.awaitText("Can’t scan image?");
                OtpAuthUri uri = OtpAuthUri.parse(Chromium.qrText(chromium.loadedImage(".qr img")));
                secret = Base32.encode(uri.secret());
                chromium.field("Code").sendKeys(Chromium.oathtool(secret, clock.instant()));
                chromium.button("Next").click();
                chromium.awaitHeading("Success!");
                chromium.button("Done").click();

                chromium.awaitHeading("Payroll home");
                assertThat(chromium.driver().getCurrentUrl()).startsWith(app);
                assertThat(text(chromium, "email")).isEqualTo(dana.email());
                assertThat(List.of(text(chromium, "amr").split(" "))).contains("pwd", "otp", "mfa");
                assertThat(text(chromium, "acr")).isEqualTo("urn:verrou:acr:mfa");
            }
            clock.advance(java.time.Duration.ofSeconds(30));

            // Another day, another browser: the password, then only the app's code.
            try (Chromium chromium = new Chromium("en")) {
                chromium.open(app + "/");
                chromium.awaitHeading("Sign in");
                chromium.field("Email").sendKeys(dana.email());
                chromium.button("Next").click();
                chromium.awaitHeading("Enter password");
                chromium.field("Password").sendKeys(TestAccounts.PASSWORD);
                chromium.button("Sign in").click();
                chromium.awaitHeading("Enter code");
                chromium.field("Code").sendKeys(Chromium.oathtool(secret, clock.instant()));
                chromium.button("Verify").click();
                chromium.awaitHeading("Payroll home");
                assertThat(List.of(text(chromium, "amr").split(" "))).contains("otp", "mfa");
            }
        }
    }

    private static String text(Chromium chromium, String id) {
        return chromium.driver().findElement(By.id(id)).getText();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
