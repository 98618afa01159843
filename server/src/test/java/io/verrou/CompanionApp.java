package io.verrou;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Verrou Authenticator, run as its own process from its jar, the way a person runs it
 * ({@code ./verrou authenticator …}), with a state folder of its own.
 */
public final class CompanionApp {

    /** Built by the reactor before the server (see the parent POM's module order). */
    static final Path JAR = Path.of("..", "authenticator", "target", "verrou-authenticator.jar");

    private final Path home;

    public CompanionApp() {
        assertThat(JAR).as("the companion app's jar: build it with ./verrou test or mvn -pl authenticator package").exists();
        try {
            home = Files.createTempDirectory("verrou-authenticator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run printed and how it ended. */
    public record Run(int exitCode, String output) {
    }

    public Run run(String... arguments) {
        return start(arguments).await();
    }

    /** Starts a command that waits (e.g. {@code watch --once}) and returns at once. */
    public Running start(String... arguments) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--home", home.toString()));
        command.addAll(List.of(arguments));
        try {
            return new Running(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    /** A companion app command still running. */
    public static final class Running {

        private final Process process;

        Running(Process process) {
            this.process = process;
        }

        public Run await() {
            try {
                boolean ended = process.waitFor(60, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly();
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ended).as("the companion app ended; it printed: " + output).isTrue();
                return new Run(process.exitValue(), output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
