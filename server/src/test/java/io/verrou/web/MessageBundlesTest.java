package io.verrou.web;

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

import org.junit.jupiter.api.Test;

/** English and French have the same texts, none empty, and every text a template names exists. */
class MessageBundlesTest {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-z0-9.]+)[}(]");
    /** Every bundle of spring.messages.basename. */
    private static final String[] BUNDLES = {"messages", "delivery-messages", "questions-messages"};

    @Test
    void englishAndFrenchHaveTheSameKeys() throws IOException {
        for (String bundle : BUNDLES) {
            assertThat(load(bundle + "_fr.properties").stringPropertyNames()).as(bundle)
                    .containsExactlyInAnyOrderElementsOf(load(bundle + ".properties").stringPropertyNames());
        }
    }

    @Test
    void theBundlesListedAreTheOnesTheApplicationUses() throws IOException {
        Properties application = load("application.properties");
        assertThat(application.getProperty("spring.messages.basename").split(",")).containsExactly(BUNDLES);
    }

    @Test
    void noTextIsEmpty() throws IOException {
        for (String bundle : allFiles()) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames())
                    .as(bundle)
                    .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void textsWithArgumentsUseTypographicApostrophes() throws IOException {
        // A plain ' in a MessageFormat pattern swallows the argument that follows it.
        for (String bundle : allFiles()) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames()).allSatisfy(key ->
                    assertThat(messages.getProperty(key)).as(bundle + " " + key).doesNotContain("'"));
        }
    }

    @Test
    void frenchPunctuationHasANonBreakingSpaceBefore() throws IOException {
        for (String bundle : BUNDLES) {
            Properties french = load(bundle + "_fr.properties");
            assertThat(french.stringPropertyNames()).allSatisfy(key -> assertThat(french.getProperty(key))
                    .as(bundle + " " + key).doesNotContainPattern(" [?:;!»]"));
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        Set<String> defined = new TreeSet<>();
        for (String bundle : BUNDLES) {
            defined.addAll(load(bundle + ".properties").stringPropertyNames());
        }
        assertThat(defined).containsAll(used);
    }

    private static String[] allFiles() {
        return java.util.Arrays.stream(BUNDLES).flatMap(b -> Stream.of(b + ".properties", b + "_fr.properties"))
                .toArray(String[]::new);
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
