package io.verrou.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.DeliveryFailedException.Failure;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.EmailMessage;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Email through a real SMTP server (GreenMail on a free port), built the way the application builds it. */
@ExtendWith(OutputCaptureExtension.class)
class SmtpDeliveryTest {

    private static final String FROM = "Sécurité Contoso <securite@contoso.example>";
    private static final String TO = "alice@fabrikam.example";
    private static final String CODE = "482913";
    private static final String SUBJECT = "Votre code de vérification Contoso";
    private static final String TEXT = "Utilisez ce code pour ajouter cette adresse e-mail à vos informations de sécurité :\n\n"
            + "    " + CODE + "\n\nLe code expire dans 5 minutes. « Ne le communiquez à personne. »\n";
    private static final String HTML = "<!DOCTYPE html><html lang=\"fr\"><body><p>Utilisez ce code à Contoso :</p>"
            + "<p>" + CODE + "</p><p>Le code expire dans 5 minutes.</p></body></html>";

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("verrou", "right-password"))
            .withPerMethodLifecycle(true);

    private static EmailMessage message() {
        return new EmailMessage(TO, SUBJECT, TEXT, HTML, Locale.FRENCH, Optional.of(CODE));
    }

    private static JavaMailSenderImpl sender(String host, int port, Duration timeout) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port);
        SmtpDelivery.boundTimeouts(sender, timeout);
        return sender;
    }

    private JavaMailSenderImpl senderToGreenMail() {
        return sender(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(), Duration.ofSeconds(5));
    }

    private static String normalised(Object content) {
        return ((String) content).replace("\r\n", "\n");
    }

    @Test
    void theMessageArrivesWithItsSubjectAndPlainTextAndHtmlAlternativesInUtf8() throws Exception {
        DeliveryReceipt receipt = new SmtpDelivery(senderToGreenMail(), FROM).send(message());

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo(SUBJECT);
        assertThat(received.getFrom()).containsExactly(new InternetAddress("securite@contoso.example", "Sécurité Contoso", "UTF-8"));
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Sécurité Contoso");
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(TO);
        assertThat(received.getHeader("Content-Language", null)).isEqualTo("fr");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(received.getContentType()).startsWith("multipart/alternative");

        MimeMultipart alternatives = (MimeMultipart) received.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        BodyPart text = alternatives.getBodyPart(0);
        BodyPart html = alternatives.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(normalised(text.getContent())).isEqualTo(TEXT);
        assertThat(normalised(html.getContent())).isEqualTo(HTML);

        assertThat(receipt.provider()).isEqualTo("smtp");
        assertThat(receipt.providerId()).isEqualTo(received.getMessageID()).endsWith("@contoso.example>");
    }

    @Test
    void aStoppedServerIsUnreachableAndTheSameMessageGoesThroughOnceItIsBack(CapturedOutput output) throws MessagingException {
        String host = greenMail.getSmtp().getBindTo();
        int port = greenMail.getSmtp().getPort();
        SmtpDelivery smtp = new SmtpDelivery(sender(host, port, Duration.ofSeconds(5)), FROM);
        greenMail.stop();

        assertThatThrownBy(() -> smtp.send(message()))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
                    assertThat(e.getMessage()).contains("smtp email to a•••@fabrikam.example failed: unreachable")
                            .doesNotContain(CODE).doesNotContain(SUBJECT).doesNotContain(TO);
                });
        assertThat(output.getAll()).contains("smtp email to a•••@fabrikam.example failed")
                .doesNotContain(CODE).doesNotContain(TO);

        // The caller still holds the message: once the server is back at the same address, sending it again works.
        GreenMail back = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        back.start();
        try {
            smtp.send(message());

            assertThat(back.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(back.getReceivedMessages()).hasSize(1);
            assertThat(back.getReceivedMessages()[0].getSubject()).isEqualTo(SUBJECT);
        } finally {
            back.stop();
        }
    }

    @Test
    void aServerThatRefusesTheCredentialsRejectsTheMessageAndNothingArrives() {
        JavaMailSenderImpl wrong = senderToGreenMail();
        wrong.setUsername("verrou");
        wrong.setPassword("wrong-password");

        assertThatThrownBy(() -> new SmtpDelivery(wrong, FROM).send(message()))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REJECTED);
                    assertThat(e.getMessage()).contains("refused the credentials").doesNotContain("wrong-password");
                });
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        JavaMailSenderImpl right = senderToGreenMail();
        right.setUsername("verrou");
        right.setPassword("right-password");
        new SmtpDelivery(right, FROM).send(message());

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aServerThatAcceptsTheConnectionButNeverAnswersTimesOut() throws IOException {
        // The system accepts connections into the backlog; nobody ever reads or writes: no greeting comes.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            JavaMailSenderImpl sender = sender(silent.getInetAddress().getHostAddress(), silent.getLocalPort(),
                    Duration.ofMillis(300));

            assertThatThrownBy(() -> new SmtpDelivery(sender, FROM).send(message()))
                    .isInstanceOfSatisfying(DeliveryFailedException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
        }
    }

    @Test
    void aRecipientThatIsNotAnAddressIsRejectedBeforeAnythingIsSent() {
        EmailMessage toNobody = new EmailMessage("not an address", SUBJECT, TEXT, HTML, Locale.FRENCH, Optional.of(CODE));

        assertThatThrownBy(() -> new SmtpDelivery(senderToGreenMail(), FROM).send(toNobody))
                .isInstanceOfSatisfying(DeliveryFailedException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REJECTED));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void timeoutsTheSettingsGiveAreKeptAndTheOthersBounded() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "2500");

        SmtpDelivery.boundTimeouts(sender, Duration.ofSeconds(10));

        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "2500")
                .containsEntry("mail.smtp.writetimeout", "10000");
    }

    @Test
    void aSenderThatIsNotOneAddressIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new SmtpDelivery(new JavaMailSenderImpl(), "a@example.org, b@example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("example.org");
    }
}
