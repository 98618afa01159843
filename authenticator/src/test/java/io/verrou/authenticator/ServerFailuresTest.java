package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the person sees when the server refuses the device or cannot be reached. */
class ServerFailuresTest {

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
    void aSignatureTheServerCannotVerifyGivesAOneLineMessageAndExit1() {
        // The server now holds another key for this device, so the app's signatures no longer verify.
        server.knowDevice(new DeviceKeys(new SecureRandom()).generate().getPublic());

        Cli.Result result = cli.run("watch", "--once");

        assertThat(server.signatureFailures()).isNotEmpty();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).contains("The server refused the request's signature (invalid_signature):"
                + " check that this computer's clock is on time.");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anInvalidSignatureAnswerToAnApprovalExitsWith1() {
        server.release("r1", "Firefox on Linux");
        server.failSignedRequestsWith("invalid_signature");

        Cli.Result result = cli.run("approve", "--number", "42", "--request", "r1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("invalid_signature");
    }

    @Test
    void aRemovedDeviceIsToldToActivateAgain() {
        server.failSignedRequestsWith("unknown_device");

        Cli.Result result = cli.run("deny", "--request", "r1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no longer knows this device").contains("activate the account again");
    }

    @Test
    void aServerThatStoppedExitsWith2AndSaysItCannotBeReached() {
        server.close();

        Cli.Result result = cli.run("approve", "--number", "42", "--request", "r1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(
                "Cannot reach the server at " + server.url() + ": connection refused." + System.lineSeparator());
    }
}
