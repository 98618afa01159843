package io.verrou.securityinfo.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.verrou.Outbox;
import io.verrou.TestAccounts;
import io.verrou.VerrouTest;
import io.verrou.audit.ClientInfo;
import io.verrou.delivery.ChangeKind;
import io.verrou.delivery.EmailComposer;
import io.verrou.delivery.SecurityInfoChange;
import io.verrou.delivery.smtp.SmtpDelivery;
import io.verrou.method.AuthMethods;
import io.verrou.method.MethodKinds;
import io.verrou.method.MethodKind;
import io.verrou.tenant.JdbcTenantRepository;
import io.verrou.user.JdbcUserRepository;
import io.verrou.user.User;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * "Your security info was changed" (SPEC S6): through the application's default provider, the outbox, and through
 * a real SMTP server (GreenMail) with a notifier built on it, the rest of the application unchanged.
 */
@VerrouTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityInfoNotifierTests {

    private static final Instant WHEN = Instant.parse("2025-03-12T14:03:00Z");

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(true);

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AuthMethods methods;
    @Autowired
    MethodKinds kinds;
    @Autowired
    JdbcTenantRepository tenants;
    @Autowired
    EmailComposer composer;
    @Autowired
    JdbcUserRepository users;
    @Autowired
    SecurityInfoNotifier notifier;

    Outbox outbox;

    @BeforeEach
    void outbox() {
        outbox = new Outbox(port);
    }

    private static SecurityInfoChange phoneAdded() {
        return new SecurityInfoChange(ChangeKind.METHOD_ADDED, "Phone +33 6•• •• •• 78", WHEN, "203.0.113.7", "Firefox/128.0");
    }

    /** An address outside the user's organisation (SPEC S4.4), registered as their email method. */
    private String withEmailMethod(User user) {
        String address = "alice-" + UUID.randomUUID() + "@fabrikam.example";
        methods.add(user, UUID.randomUUID(), MethodKind.of("email"), "Email", Optional.of(address), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), ClientInfo.system());
        return address;
    }

    private SecurityInfoNotifier throughSmtp(String host, int smtpPort) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(smtpPort);
        SmtpDelivery.boundTimeouts(sender, Duration.ofSeconds(5));
        SmtpDelivery smtp = new SmtpDelivery(sender, "Verrou <no-reply@verrou.example>");
        return new SecurityInfoNotifier(methods, kinds, tenants, users, composer, smtp::send);
    }

    @Test
    void theEmailGoesToTheRegisteredEmailMethodRatherThanTheSignInAddress() {
        User user = accounts.newUser();
        String address = withEmailMethod(user);

        boolean sent = notifier.notify(user, phoneAdded(), Locale.ENGLISH);

        assertThat(sent).isTrue();
        Outbox.Email email = outbox.latestEmail(address);
        assertThat(email.subject()).isEqualTo("Your security info was changed");
        assertThat(email.body()).contains("Hello " + user.displayName() + ",")
                .contains("The security info of your " + tenants.findById(user.tenantId()).orElseThrow().name() + " account")
                .contains("What: A method was added to your security info: Phone +33 6•• •• •• 78")
                .contains("IP address: 203.0.113.7")
                .contains("Lost device? Sign out everywhere");
        assertThat(email.code()).isEmpty();
        assertThat(outbox.count(user.email(), "email")).isZero();
    }

    @Test
    void withoutAnEmailMethodTheEmailGoesToTheSignInAddress() {
        User user = accounts.newUser();

        assertThat(notifier.notify(user, phoneAdded(), Locale.ENGLISH)).isTrue();

        assertThat(outbox.latestEmail(user.email()).subject()).isEqualTo("Your security info was changed");
    }

    @Test
    void theEmailIsInFrenchWhenThePersonReadsFrench() {
        User user = accounts.newUser();
        SecurityInfoChange change = new SecurityInfoChange(ChangeKind.SIGNED_OUT_EVERYWHERE, "", WHEN, "203.0.113.7", "Firefox/128.0");

        notifier.notify(user, change, Locale.FRENCH);

        Outbox.Email email = outbox.latestEmail(user.email());
        assertThat(email.subject()).isEqualTo("Vos informations de sécurité ont été modifiées");
        assertThat(email.body()).contains("Bonjour " + user.displayName() + ",")
                .contains("Toutes les sessions et tous les navigateurs mémorisés ont été déconnectés")
                .contains("12 mars 2025");
    }

    @Test
    void overSmtpTheEmailArrivesInTheMailboxOfTheEmailMethod() throws Exception {
        User user = accounts.newUser();
        String address = withEmailMethod(user);

        boolean sent = throughSmtp(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort())
                .notify(user, phoneAdded(), Locale.FRENCH);

        assertThat(sent).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(address);
        assertThat(received.getSubject()).isEqualTo("Vos informations de sécurité ont été modifiées");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
    }

    @Test
    void aProviderThatFailsMakesItReturnFalseWithoutThrowingOrLoggingTheEmail(CapturedOutput output) {
        User user = accounts.newUser();
        String address = withEmailMethod(user);
        String host = greenMail.getSmtp().getBindTo();
        int stopped = greenMail.getSmtp().getPort();
        greenMail.stop();

        boolean sent = throughSmtp(host, stopped).notify(user, phoneAdded(), Locale.ENGLISH);

        assertThat(sent).isFalse();
        assertThat(output.getAll()).contains("Could not tell user " + user.id() + " by email that their security info changed")
                .doesNotContain(address).doesNotContain("Sign out everywhere").doesNotContain("Phone +33 6•• •• •• 78");
    }
}
