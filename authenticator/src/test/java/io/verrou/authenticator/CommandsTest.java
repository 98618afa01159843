package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import io.verrou.otp.Base32;
import io.verrou.otp.OtpParameters;
import io.verrou.otp.Totp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands that need no sign-in request: help, home directory, accounts, code. */
class CommandsTest {

    @TempDir
    Path userHome;

    private Cli cli;
    private FakeVerrouServer server;

    @BeforeEach
    void start() throws Exception {
        cli = Cli.in(userHome);
        server = FakeVerrouServer.start(cli.clock());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"activate", "accounts", "code", "watch", "approve", "deny"})
    void everyCommandExplainsItselfWithHelp(String command) {
        Cli.Result result = cli.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: verrou-authenticator " + command).contains("--home");
    }

    @Test
    void withoutACommandTheUsageIsShownAndTheExitCodeIs2() {
        Cli.Result result = cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: verrou-authenticator").contains("approve");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithAHintAndNoStackTrace() {
        Cli.Result result = cli.run("code", "--acount", "alice");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("'--acount'")
                .contains("Possible solutions: --account")
                .contains("Try 'verrou-authenticator code --help'.")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void homeOptionWorksBeforeAndAfterTheCommand() {
        Path home = userHome.resolve("elsewhere");

        Cli.Result activated = cli.run("--home", home.toString(), "activate",
                "--code", FakeVerrouServer.ACTIVATION_CODE, "--url", server.url());
        Cli.Result listed = cli.run("accounts", "--home", home.toString());

        assertThat(activated.exitCode()).as(activated.all()).isZero();
        assertThat(Files.exists(home.resolve("state.json"))).isTrue();
        assertThat(Files.exists(cli.home())).isFalse();
        assertThat(listed.out()).contains("alice@contoso.example");
    }

    @Test
    void homeComesFromTheEnvironmentVariableWhenNoOptionIsGiven() {
        Path home = userHome.resolve("from-variable");
        Cli withVariable = new Cli(userHome, cli.clock(), Map.of("VERROU_AUTHENTICATOR_HOME", home.toString()));

        Cli.Result result = withVariable.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE,
                "--url", server.url());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(Files.exists(home.resolve("state.json"))).isTrue();
    }

    @Test
    void accountsListsIssuerNameServerAndDeviceIdUnderAHeading() {
        ActivateCommandTest.activate(cli, server);

        Cli.Result result = cli.run("accounts");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "ISSUER   NAME                   SERVER" + " ".repeat(server.url().length() - 4) + "DEVICE ID",
                "Contoso  alice@contoso.example  " + server.url() + "  " + FakeVerrouServer.DEVICE_ID);
    }

    @Test
    void listIsAnotherNameForAccounts() {
        ActivateCommandTest.activate(cli, server);

        assertThat(cli.run("list").out()).isEqualTo(cli.run("accounts").out());
    }

    @Test
    void accountsWithoutAnyAccountSaysHowToAddOne() {
        Cli.Result result = cli.run("accounts");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("No account yet. Add one with: activate");
    }

    @Test
    void codeIsTheTotpOfTheStoredSecretAtTheCurrentTime() {
        ActivateCommandTest.activate(cli, server);

        Cli.Result result = cli.run("code");

        String expected = new Totp(OtpParameters.defaults())
                .generate(Base32.decode(FakeVerrouServer.TOTP_SECRET), cli.clock().instant());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(expected + System.lineSeparator());
        assertThat(expected).hasSize(6);
    }

    @Test
    void codeWorksOfflineAndPicksTheAccountByNameOrIssuerAndName() {
        Account alice = TestAccounts.account("Contoso", "alice@contoso.example", "https://verrou.contoso.example",
                "JBSWY3DPEHPK3PXP");
        Account bob = TestAccounts.account("Fabrikam", "bob@fabrikam.example", "https://verrou.fabrikam.example",
                "GEZDGNBVGY3TQOJQ");
        new StateStore(cli.home()).save(AuthenticatorState.empty().withAccount(alice).withAccount(bob));
        Totp totp = new Totp(OtpParameters.defaults());

        Cli.Result ambiguous = cli.run("code");
        Cli.Result byName = cli.run("code", "--account", "bob@fabrikam.example");
        Cli.Result byIssuerAndName = cli.run("code", "--account", "Contoso:alice@contoso.example");

        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--account").contains("Fabrikam:bob@fabrikam.example");
        assertThat(byName.out().strip()).isEqualTo(totp.generate(Base32.decode("GEZDGNBVGY3TQOJQ"),
                cli.clock().instant()));
        assertThat(byIssuerAndName.out().strip()).isEqualTo(totp.generate(Base32.decode("JBSWY3DPEHPK3PXP"),
                cli.clock().instant()));
    }

    @Test
    void codeWithoutAnyAccountIsAUsageError() {
        Cli.Result result = cli.run("code");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("No account yet");
    }
}
