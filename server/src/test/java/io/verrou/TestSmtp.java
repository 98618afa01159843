package io.verrou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for the tests that send email through the {@code smtp} provider: one port
 * for the whole class, so that a server stopped and started again keeps its address.
 */
public final class TestSmtp {

    private TestSmtp() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on 127.0.0.1 at {@code port}, started once for the class, accepting any sender. */
    public static GreenMailExtension server(int port) {
        return new GreenMailExtension(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
                .withPerMethodLifecycle(false);
    }

    /** Points Verrou's email at the server. */
    public static void use(DynamicPropertyRegistry registry, int port) {
        registry.add("verrou.delivery.email", () -> "smtp");
        registry.add("verrou.delivery.email-from", () -> "Verrou <no-reply@verrou.test>");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
    }
}
