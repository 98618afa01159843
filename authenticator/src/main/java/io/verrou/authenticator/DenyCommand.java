package io.verrou.authenticator;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deny}: denies a sign-in request, and with {@code --report} reports it ("I didn't try to sign in").
 */
@Command(name = "deny", mixinStandardHelpOptions = true,
        description = "Denies a sign-in request; with --report, also reports it as not yours.")
final class DenyCommand implements Callable<Integer> {

    private final VerrouAuthenticator root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountOption account = new AccountOption();

    @Option(names = "--report",
            description = "Deny and report (\"I didn't try to sign in\"): blocks MFA for the account until an"
                    + " administrator clears it, and alerts the administrators.")
    private boolean report;

    @Option(names = "--request", paramLabel = "ID",
            description = "The request to deny (see watch); optional when only one is pending.")
    private Optional<String> request = Optional.empty();

    /**
     * Creates the command.
     *
     * @param root the top-level command, which knows the home directory and the environment
     */
    DenyCommand(VerrouAuthenticator root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Sends the denial.
     *
     * @return {@link ExitCodes#OK} when denied (or denied and reported)
     * @throws InterruptedException if interrupted while waiting for the server
     */
    @Override
    public Integer call() throws InterruptedException {
        Account selected = root.stateStore().load().select(account.value());
        AuthenticatorApi api = root.api();
        PrintWriter out = spec.commandLine().getOut();
        String id = RequestChoice.choose(api, selected, request, root.environment().clock().getZone(),
                spec.commandLine().getErr());
        Answer answer = api.deny(selected, id, report);
        switch (answer) {
            case DENIED:
                out.println("Denied.");
                break;
            case REPORTED:
                out.println("Denied and reported: MFA is blocked for this account until an administrator clears it,"
                        + " and the administrators are alerted.");
                break;
            default:
                throw AuthenticatorException.failed("The server's answer is not valid: a denial answered '"
                        + answer + "'.");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
