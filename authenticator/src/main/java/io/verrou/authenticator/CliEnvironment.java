package io.verrou.authenticator;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the world outside the program, gathered so that tests can pass their own.
 *
 * @param clock     the time, for TOTP codes, signature timestamps and the times shown; its zone is the person's
 * @param random    the source of keys and nonces
 * @param http      the HTTP client
 * @param variables the environment variables ({@code VERROU_AUTHENTICATOR_HOME})
 * @param userHome  the person's home directory, under which the default app directory lives
 * @param pause     how {@code watch} waits between two polls when it must
 */
record CliEnvironment(Clock clock, SecureRandom random, HttpClient http, Map<String, String> variables,
                      Path userHome, Pause pause) {

    /**
     * Checks that every part is present and copies the variables.
     *
     * @param clock     the time
     * @param random    the source of keys and nonces
     * @param http      the HTTP client
     * @param variables the environment variables
     * @param userHome  the person's home directory
     * @param pause     how watch waits
     */
    CliEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(http, "http");
        variables = Map.copyOf(variables);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(pause, "pause");
    }

    /**
     * Returns the real environment of the running process.
     *
     * @return the system clock and zone, a system {@link SecureRandom}, a new HTTP client, the process environment
     *         and {@code user.home}
     */
    static CliEnvironment system() {
        return new CliEnvironment(Clock.systemDefaultZone(), new SecureRandom(), AuthenticatorApi.newHttpClient(),
                System.getenv(), Path.of(System.getProperty("user.home")), Pause.sleeping());
    }
}
