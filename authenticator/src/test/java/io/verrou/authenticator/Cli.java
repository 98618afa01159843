package io.verrou.authenticator;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;

/**
 * Runs the program in-process, as the tests' "terminal": captured standard output and error, and an environment
 * with a fixed clock, a temporary home and a pause that records instead of waiting.
 */
final class Cli {

    /** One HTTP client for the whole test run, as the program has one per process. */
    private static final HttpClient HTTP = AuthenticatorApi.newHttpClient();

    private final Path userHome;
    private final Clock clock;
    private final Map<String, String> variables;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {

        String all() {
            return out + err;
        }
    }

    Cli(Path userHome, Clock clock, Map<String, String> variables) {
        this.userHome = userHome;
        this.clock = clock;
        this.variables = variables;
    }

    /** A person in UTC whose clock is stopped at the start of the test (close to the fake server's real time). */
    static Cli in(Path userHome) {
        return new Cli(userHome, fixedClockNow(), Map.of());
    }

    static Clock fixedClockNow() {
        return Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    Clock clock() {
        return clock;
    }

    /** The directory the program uses by default. */
    Path home() {
        return userHome.resolve(VerrouAuthenticator.DEFAULT_HOME);
    }

    /** The waits watch asked for; the pause ends watch by interrupting it, as Ctrl+C would. */
    List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Pause recording = duration -> {
            pauses.add(duration);
            throw new InterruptedException("stopped by the test");
        };
        CommandLine commandLine = VerrouAuthenticator.commandLine(
                new CliEnvironment(clock, new SecureRandom(), HTTP, variables, userHome, recording));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
