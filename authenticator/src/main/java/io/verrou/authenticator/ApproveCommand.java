package io.verrou.authenticator;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code approve}: approves a sign-in request with the number shown on the sign-in page (number matching).
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approves a sign-in request with the number the sign-in page shows.")
final class ApproveCommand implements Callable<Integer> {

    /** The page shows two digits; a few more are let through so that the server, not the app, judges them. */
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,3}");

    private final VerrouAuthenticator root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountOption account = new AccountOption();

    @Option(names = "--number", paramLabel = "NN", required = true,
            description = "The number shown on the sign-in page.")
    private String number;

    @Option(names = "--request", paramLabel = "ID",
            description = "The request to approve (see watch); optional when only one is pending.")
    private Optional<String> request = Optional.empty();

    /**
     * Creates the command.
     *
     * @param root the top-level command, which knows the home directory and the environment
     */
    ApproveCommand(VerrouAuthenticator root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Sends the number.
     *
     * @return {@link ExitCodes#OK} when approved
     * @throws InterruptedException if interrupted while waiting for the server
     */
    @Override
    public Integer call() throws InterruptedException {
        String typed = number.strip();
        if (!NUMBER.matcher(typed).matches()) {
            throw new ParameterException(spec.commandLine(),
                    "--number takes the number shown on the sign-in page, for example --number 42.");
        }
        Account selected = root.stateStore().load().select(account.value());
        AuthenticatorApi api = root.api();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String id = RequestChoice.choose(api, selected, request, root.environment().clock().getZone(), err);
        Answer answer = api.approve(selected, id, typed);
        switch (answer) {
            case APPROVED:
                out.println("Approved.");
                out.flush();
                return ExitCodes.OK;
            case WRONG_NUMBER:
                throw AuthenticatorException.refused("Wrong number: the request was refused.");
            default:
                throw AuthenticatorException.failed("The server's answer is not valid: an approval answered '"
                        + answer + "'.");
        }
    }
}
