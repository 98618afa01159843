package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {

    @TempDir
    Path userHome;

    private Cli cli;
    private FakeVerrouServer server;

    @BeforeEach
    void start() throws Exception {
        cli = Cli.in(userHome);
        server = FakeVerrouServer.start(cli.clock());
        ActivateCommandTest.activate(cli, server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void watchOncePrintsTheRequestTheServerReleasesDuringTheLongPoll() throws Exception {
        CompletableFuture<Cli.Result> watching = CompletableFuture.supplyAsync(() -> cli.run("watch", "--once"));
        assertThat(server.awaitPoll()).isEqualTo(30);

        server.release("2b9e-request", "Firefox on Linux");
        Cli.Result result = watching.get(20, TimeUnit.SECONDS);

        String time = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                LocalDateTime.ofInstant(cli.clock().instant(), ZoneOffset.UTC));
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).isEqualTo("app: Verrou | browser: Firefox on Linux | IP: 192.0.2.7 | time: " + time
                + " | kind: signin | id: 2b9e-request" + System.lineSeparator());
        assertThat(server.received()).last()
                .satisfies(request -> assertThat(request.pathAndQuery())
                        .isEqualTo("/api/authenticator/v1/requests/pending?wait=30"));
        assertThat(server.signatureFailures()).isEmpty();
    }

    @Test
    void watchAsksTheServerToHoldThePollForTheGivenWait() throws Exception {
        server.release("2b9e-request", "Firefox on Linux");

        Cli.Result result = cli.run("watch", "--once", "--wait", "5");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(server.awaitPoll()).isEqualTo(5);
        assertThat(server.signatureFailures()).isEmpty();
    }

    @Test
    void aRequestStillPendingIsPrintedOnceAndTheNextPollWaitsInsteadOfLooping() throws Exception {
        server.release("2b9e-request", "Firefox on Linux");

        // The test's pause interrupts watch, as Ctrl+C would, the first time watch would wait.
        Cli.Result result = cli.run("watch");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out().lines()).singleElement().asString().endsWith("id: 2b9e-request");
        assertThat(server.received().stream().filter(r -> r.pathAndQuery().contains("pending"))).hasSize(2);
        assertThat(cli.pauses()).containsExactly(Duration.ofSeconds(2));
        assertThat(server.signatureFailures()).isEmpty();
    }

    @Test
    void controlCharactersFromTheServerNeverReachTheTerminal() {
        server.release("2b9e-request", "Firefox\u001b[2J\u001b]0;pwned\u0007 on Linux");

        Cli.Result result = cli.run("watch", "--once");

        assertThat(result.out()).contains("browser: Firefox?[2J?]0;pwned? on Linux").doesNotContain("\u001b");
    }

    @Test
    void aWaitOutsideOneToSixtySecondsIsAUsageError() {
        int before = server.received().size();

        Cli.Result result = cli.run("watch", "--wait", "61");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--wait must be between 1 and 60 seconds");
        assertThat(server.received()).hasSize(before);
    }
}
