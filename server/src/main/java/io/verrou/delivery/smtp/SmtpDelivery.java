package io.verrou.delivery.smtp;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import io.verrou.delivery.DeliveryFailedException;
import io.verrou.delivery.DeliveryFailedException.Failure;
import io.verrou.delivery.DeliveryReceipt;
import io.verrou.delivery.EmailMessage;
import io.verrou.delivery.Recipients;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email over SMTP, through the {@link JavaMailSender} that Spring Boot makes from {@code spring.mail.*}: one
 * {@code multipart/alternative} message, plain text then HTML, both in UTF-8. Every failure becomes a
 * {@link DeliveryFailedException} and one log line naming the failure and the masked recipient, never the
 * subject, the body or the code.
 */
public final class SmtpDelivery {

    public static final String PROVIDER = "smtp";

    private static final Logger log = LoggerFactory.getLogger(SmtpDelivery.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final List<String> TIMEOUTS = List.of("connectiontimeout", "timeout", "writetimeout");

    private final JavaMailSender mail;
    private final InternetAddress from;

    /**
     * @param from the From address, optionally with a name: {@code Contoso <no-reply@contoso.example>}
     * @throws IllegalArgumentException when it is not one valid address (the message doesn't repeat it)
     */
    public SmtpDelivery(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = sender(from);
    }

    /**
     * Bounds every wait on the SMTP server (connect, read, write) to the timeout, for each one that
     * {@code spring.mail.properties.mail.<protocol>.*} leaves unset. Without it, JavaMail waits forever on a
     * server that accepts the connection and then says nothing, and so does the person's page.
     */
    public static void boundTimeouts(JavaMailSenderImpl sender, Duration timeout) {
        String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        Properties properties = new Properties();
        properties.putAll(sender.getJavaMailProperties());
        for (String name : TIMEOUTS) {
            properties.putIfAbsent("mail." + protocol + "." + name, Long.toString(timeout.toMillis()));
        }
        // Setting the properties again also drops a session made with the old ones, if any.
        sender.setJavaMailProperties(properties);
    }

    /**
     * Hands the message to the SMTP server.
     *
     * @throws DeliveryFailedException when the server can't be reached, doesn't answer in time, or refuses the
     *                                 credentials, the sender, the recipient or the message; nothing was sent
     */
    public DeliveryReceipt send(EmailMessage message) {
        MimeMessage mime;
        try {
            mime = mime(message);
        } catch (AddressException e) {
            throw failed(message.to(), Failure.REJECTED, "the recipient address is not valid", e);
        } catch (MessagingException e) {
            throw failed(message.to(), Failure.OTHER, "the message could not be written (" + e.getClass().getSimpleName() + ")", e);
        }
        try {
            mail.send(mime);
        } catch (MailException e) {
            throw failed(message.to(), failure(e), detail(e), e);
        }
        String id = messageId(mime);
        log.info("{} email to {} accepted ({})", PROVIDER, Recipients.maskedAddress(message.to()), id);
        return new DeliveryReceipt(PROVIDER, id);
    }

    private MimeMessage mime(EmailMessage message) throws MessagingException {
        MimeMessage mime = mail.createMimeMessage();
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), UTF_8);
        // In the sender's domain: JavaMail's default would name the host Verrou runs on.
        mime.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain(from) + ">");
        mime.setHeader("Content-Language", message.locale().toLanguageTag());
        // RFC 3834: out-of-office and other robots must not answer it.
        mime.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.textBody(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.htmlBody(), UTF_8, "html");
        // Plain first: a client shows the last part it can display, so HTML where it can, text elsewhere.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        return mime;
    }

    private static InternetAddress sender(String from) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(from.strip(), true);
            if (parsed.length != 1 || parsed[0].getAddress().indexOf('@') < 1) {
                throw new IllegalArgumentException("The sender must be one email address");
            }
            // Again with an explicit charset, so that a name like "Sécurité Contoso" is encoded the same everywhere.
            return new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), UTF_8);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("The sender is not a valid email address");
        }
    }

    private static String domain(InternetAddress address) {
        String value = address.getAddress();
        return value.substring(value.lastIndexOf('@') + 1);
    }

    private static String messageId(MimeMessage mime) {
        try {
            String id = mime.getMessageID();
            return id == null ? "unknown" : id;
        } catch (MessagingException e) {
            return "unknown";
        }
    }

    private static Failure failure(MailException e) {
        List<Throwable> causes = causes(e);
        if (causes.stream().anyMatch(SocketTimeoutException.class::isInstance)) {
            return Failure.TIMEOUT;
        }
        if (causes.stream().anyMatch(c -> c instanceof MailAuthenticationException || c instanceof AuthenticationFailedException
                || c instanceof SendFailedException)) {
            return Failure.REJECTED;
        }
        if (causes.stream().anyMatch(IOException.class::isInstance)) {
            return Failure.UNREACHABLE;
        }
        return Failure.OTHER;
    }

    /** What went wrong in words and exception names: their messages may quote the server, which may quote the address. */
    private static String detail(MailException e) {
        List<Throwable> causes = causes(e);
        String names = String.join(", ", causes.stream().skip(1).map(c -> c.getClass().getSimpleName()).distinct().toList());
        String what = switch (failure(e)) {
            case TIMEOUT -> "no answer in time";
            case REJECTED -> e instanceof MailAuthenticationException ? "the server refused the credentials"
                    : "the server refused the message";
            case UNREACHABLE -> "could not connect";
            default -> "could not send";
        };
        return what + " (" + (names.isEmpty() ? e.getClass().getSimpleName() : names) + ")";
    }

    /** The exception, its causes, and for a send that failed the failure of each message with its causes. */
    private static List<Throwable> causes(MailException e) {
        List<Throwable> all = new ArrayList<>();
        add(all, e);
        if (e instanceof MailSendException send) {
            for (Exception each : send.getMessageExceptions()) {
                add(all, each);
            }
        }
        return all;
    }

    private static void add(List<Throwable> all, Throwable first) {
        for (Throwable t = first; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
    }

    private static DeliveryFailedException failed(String to, Failure failure, String detail, Throwable cause) {
        String message = PROVIDER + " email to " + Recipients.maskedAddress(to) + " failed: "
                + failure.name().toLowerCase(Locale.ROOT) + ", " + detail;
        log.warn(message);
        return new DeliveryFailedException(failure, message, cause);
    }
}
