package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approve and deny. */
class AnswerCommandsTest {

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
    void approveSendsTheNumberForTheGivenRequest() {
        server.release("r1", "Firefox on Linux");

        Cli.Result result = cli.run("approve", "--number", "42", "--request", "r1");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).isEqualTo("Approved." + System.lineSeparator());
        assertThat(answers()).containsExactly(new FakeVerrouServer.Recorded(
                "POST", "/api/authenticator/v1/requests/r1/approve", "{\"number\":\"42\"}"));
        assertThat(server.signatureFailures()).isEmpty();
    }

    @Test
    void aWrongNumberIsReportedAndExitsWith1() {
        server.release("r1", "Firefox on Linux");
        server.expectNumber("17");

        Cli.Result result = cli.run("approve", "--number", "42", "--request", "r1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Wrong number: the request was refused." + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void withoutARequestIdTheOnlyPendingRequestIsApproved() throws Exception {
        server.release("r1", "Firefox on Linux");

        Cli.Result result = cli.run("approve", "--number", "42");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(server.awaitPoll()).isZero();
        assertThat(answers()).extracting(FakeVerrouServer.Recorded::pathAndQuery)
                .containsExactly("/api/authenticator/v1/requests/r1/approve");
        assertThat(server.signatureFailures()).isEmpty();
    }

    @Test
    void aServerThatRefusesWaitZeroIsAskedWithOneSecond() throws Exception {
        server.refuseWaitZero();
        server.release("r1", "Firefox on Linux");

        Cli.Result result = cli.run("approve", "--number", "42");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(server.awaitPoll()).isZero();
        assertThat(server.awaitPoll()).isEqualTo(1);
    }

    @Test
    void withoutARequestIdAndNothingPendingItSaysSoAndExitsWith1() {
        Cli.Result result = cli.run("approve", "--number", "42");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "No pending request for Contoso:alice@contoso.example." + System.lineSeparator());
        assertThat(answers()).isEmpty();
    }

    @Test
    void withoutARequestIdAndSeveralPendingItListsThemAndAsksForOne() {
        server.release("r1", "Firefox on Linux");
        server.release("r2", "Edge on Windows");

        Cli.Result result = cli.run("approve", "--number", "42");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("id: r1")
                .contains("id: r2")
                .contains("choose one with --request ID");
        assertThat(answers()).isEmpty();
    }

    @Test
    void aRequestThatIsNoLongerPendingExitsWith1() {
        Cli.Result result = cli.run("approve", "--number", "42", "--request", "expired");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no longer pending");
    }

    @Test
    void aNumberThatIsNotDigitsIsAUsageErrorAndNothingIsSent() {
        Cli.Result result = cli.run("approve", "--number", "4two", "--request", "r1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--number");
        assertThat(answers()).isEmpty();
    }

    @Test
    void aRequestIdThatWouldChangeThePathIsRefused() {
        Cli.Result result = cli.run("approve", "--number", "42", "--request", "../../activations");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Not a request id");
        assertThat(answers()).isEmpty();
    }

    @Test
    void denySendsReportFalse() {
        server.release("r1", "Firefox on Linux");

        Cli.Result result = cli.run("deny", "--request", "r1");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).isEqualTo("Denied." + System.lineSeparator());
        assertThat(answers()).containsExactly(new FakeVerrouServer.Recorded(
                "POST", "/api/authenticator/v1/requests/r1/deny", "{\"report\":false}"));
    }

    @Test
    void denyAndReportSendsReportTrue() {
        server.release("r1", "Firefox on Linux");

        Cli.Result result = cli.run("deny", "--report");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).startsWith("Denied and reported");
        assertThat(answers()).containsExactly(new FakeVerrouServer.Recorded(
                "POST", "/api/authenticator/v1/requests/r1/deny", "{\"report\":true}"));
        assertThat(server.signatureFailures()).isEmpty();
    }

    private List<FakeVerrouServer.Recorded> answers() {
        return server.received().stream()
                .filter(request -> request.pathAndQuery().endsWith("/approve")
                        || request.pathAndQuery().endsWith("/deny"))
                .toList();
    }
}
