package io.verrou.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.verrou.delivery.outbox.OutboxDelivery;

import org.junit.jupiter.api.Test;

/** The delivery texts exist in English and French, written the way the rest of Verrou's texts are. */
class DeliveryMessagesTest {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-z0-9._]+)[}(]");

    @Test
    void everyChannelAndStateOfTheOutboxHasItsTexts() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates/delivery"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (OutboxDelivery.Channel channel : OutboxDelivery.Channel.values()) {
            used.add("delivery.outbox.heading." + channel.id());
            used.add("delivery.outbox.body." + channel.id());
        }
        for (OutboxDelivery.State state : OutboxDelivery.State.values()) {
            used.add("delivery.outbox.state." + state.id());
        }
        Set<String> known = new TreeSet<>(load("delivery-messages.properties").stringPropertyNames());
        known.addAll(load("messages.properties").stringPropertyNames());

        assertThat(known).containsAll(used);
    }

    /** MessageBundlesTest reads the HTML templates only; the plain-text versions of emails need the same care. */
    @Test
    void everyTextTheEmailTemplatesNameExistsInEnglishAndFrench() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates/email"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".txt")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (ChangeKind kind : ChangeKind.values()) {
            used.add("delivery.email.changed.kind." + kind.id());
        }

        // The code email's words depend on what the code is for: EmailComposer names them.
        for (String purpose : new String[] {"", ".reset"}) {
            used.add("delivery.email.code.intro" + purpose);
            used.add("delivery.email.code.ignore" + purpose);
            used.add("delivery.email.code.subject" + purpose);
        }

        assertThat(used).contains("delivery.email.reset.intro", "delivery.email.changed.notyou");
        assertThat(load("delivery-messages.properties").stringPropertyNames()).containsAll(used);
        assertThat(load("delivery-messages_fr.properties").stringPropertyNames()).containsAll(used);
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DeliveryMessagesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
