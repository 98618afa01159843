package io.verrou.method.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.verrou.MutableClock;
import io.verrou.Page;
import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.TestSmtp;
import io.verrou.VerrouTest;
import io.verrou.audit.AuditEventType;
import io.verrou.audit.JdbcAuditLog;
import io.verrou.tenant.Tenant;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.Role;
import io.verrou.user.User;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Deny and report" in the app (SPEC S5): signing in with a second method is blocked for the person until
 * an administrator clears it, and the organisation's administrators are emailed — through a real SMTP server.
 */
@VerrouTest
class PushReportTests {

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
    JdbcUserRepository users;
    @Autowired
    JdbcAuditLog audit;

    @Test
    void denyAndReportBlocksMfaAndEmailsTheAdministrators() throws Exception {
        Tenant tenant = accounts.newTenantWithDefaultPolicy();
        User admin = accounts.newUser(tenant, "admin", Role.ADMIN);
        User bob = accounts.newUser(tenant, "bob", Role.USER);
        TestDevice app = AuthenticatorRegistrations.register(port, clock, bob);
        TestBrowser browser = new TestBrowser(port);
        Page push = browser.follow(browser.signIn(bob.email(), TestAccounts.PASSWORD));
        assertThat(push.h1()).isEqualTo("Approve sign-in request");

        assertThat(app.deny(AuthenticatorRegistrations.pendingRequest(app), true).body()).contains("reported");

        assertThat(browser.get("/signin/verify/check").h1()).isEqualTo("Sign-in blocked");
        assertThat(users.mfaBlocked(bob.id())).isTrue();
        assertThat(browser.get("/account").location()).endsWith("/signin/verify");
        TestBrowser again = new TestBrowser(port);
        assertThat(again.follow(again.signIn(bob.email(), TestAccounts.PASSWORD)).h1()).isEqualTo("Sign-in blocked");
        assertThat(audit.forUser(bob.id(), 50)).anySatisfy(e ->
                assertThat(e.event().type()).isEqualTo(AuditEventType.PUSH_REPORTED));

        SMTP.waitForIncomingEmail(5000, 1);
        List<MimeMessage> alerts = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> GreenMailUtil.getAddressList(recipients(m)).contains(admin.email()))
                .toList();
        assertThat(alerts).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).contains("A sign-in request was reported").contains(bob.email());
            assertThat(GreenMailUtil.getBody(m)).contains("blocked");
        });
    }

    private static jakarta.mail.Address[] recipients(MimeMessage message) {
        try {
            return message.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
